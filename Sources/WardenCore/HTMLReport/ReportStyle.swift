/// The page's only style sheet, inline: system fonts, colours as CSS variables for the light
/// and dark schemes, and a print layout in black on white.
enum ReportStyle {
    static let css = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --grid: #d1d9e0;
          --succeeded: #1a7f37; --failed: #cf222e; --skipped: #9a6700; --unknown: #8250df; --open: #59636e;
          --freed: #0969da; --cumulative: #bc4c00; --before: #cf222e; --after: #1a7f37; --dot: #0969da; --due: #bc4c00; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --grid: #3d444d;
            --succeeded: #3fb950; --failed: #f85149; --skipped: #d29922; --unknown: #a371f7; --open: #9198a1;
            --freed: #58a6ff; --cumulative: #f0883e; --before: #f85149; --after: #3fb950; --dot: #58a6ff; --due: #f0883e; }
        }
        html { background: var(--bg); color: var(--fg); }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid var(--grid); }
        .period, .note, caption { color: var(--muted); }
        dl.totals { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1.2rem; }
        dl.totals dt { color: var(--muted); } dl.totals dd { margin: 0; font-weight: 600; }
        table { border-collapse: collapse; margin: 0.8rem 0; font-variant-numeric: tabular-nums; }
        caption { text-align: left; padding-bottom: 0.3rem; }
        th, td { padding: 0.25rem 0.8rem 0.25rem 0; border-bottom: 1px solid var(--grid); text-align: left; vertical-align: top;
          overflow-wrap: break-word; unicode-bidi: isolate; }
        th[scope="row"] { overflow-wrap: anywhere; min-width: 10rem; max-width: 24rem; }
        td.number, th.number { text-align: right; }
        figure { margin: 1rem 0; } .chart { width: 100%; height: auto; display: block; }
        .chart text { fill: var(--muted); font-size: 11px; } .chart .label { fill: var(--fg); }
        .chart .grid, .chart .span { stroke: var(--grid); stroke-width: 1; } .chart .span { stroke-width: 3; }
        .s-succeeded { fill: var(--succeeded); } .s-failed { fill: var(--failed); } .s-skipped { fill: var(--skipped); }
        .s-unknown { fill: var(--unknown); } .s-open, .s-planned { fill: var(--open); } .s-freed { fill: var(--freed); }
        .s-before { fill: var(--before); } .s-after { fill: var(--after); } .s-dot { fill: var(--dot); } .s-due { fill: var(--due); }
        polyline.s-cumulative { stroke: var(--cumulative); stroke-width: 2; }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; color: var(--muted); }
        ul.legend span { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -0.1rem; }
        .legend .s-succeeded { background: var(--succeeded); } .legend .s-failed { background: var(--failed); }
        .legend .s-skipped { background: var(--skipped); } .legend .s-unknown { background: var(--unknown); }
        .legend .s-open { background: var(--open); } .legend .s-freed { background: var(--freed); }
        .legend .s-cumulative { background: var(--cumulative); } .legend .s-before { background: var(--before); }
        .legend .s-after { background: var(--after); } .legend .s-dot { background: var(--dot); } .legend .s-due { background: var(--due); }
        @media print {
          :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --grid: #999999; }
          body { max-width: none; margin: 0; font-size: 11pt; } section { break-inside: avoid; }
          * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }
        """
}
