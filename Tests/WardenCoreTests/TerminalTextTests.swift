import PiecesModels
import Testing
import WardenCore

/// Text from outside (names, ids, error bodies) as the terminal shows it.
@Suite("Text from outside on the terminal")
struct TerminalTextTests {
    @Test(arguments: [
        ("plain", "plain"), ("tab\there", "tab\\there"), ("line\nbreak", "line\\nbreak"), ("cr\rhere", "cr\\rhere"),
        ("\u{1B}]0;pwned\u{07}", "\\x1B]0;pwned\\x07"), ("\u{1B}[2J", "\\x1B[2J"), ("nul\u{0}", "nul\\x00"),
        ("del\u{7F}", "del\\x7F"), ("csi\u{9B}", "csi\\x9B"), ("ünïcödé ✓", "ünïcödé ✓"),
        ("nel\u{85}", "nel\\x85"), ("nbsp\u{A0}© \u{9F}", "nbsp\u{A0}© \\x9F"), ("𝄞\u{80}", "𝄞\\x80"),
    ])
    func controlCharactersAreShownEscaped(text: String, shown: String) {
        #expect(text.escapingControlCharacters == shown)
        #expect(text.containsControlCharacter == (text != shown))
        #expect(!TextTable.shown(text).containsControlCharacter)
    }

    @Test func outputKeepsItsOwnLinesButNoOtherControlCharacter() {
        #expect("a\tb\nc\u{1B}d\r\n".escapingControlCharacters(keepingLines: true) == "a\tb\nc\\x1Bd\\r\n")
        #expect("lines\n\tand tabs ✓\n".escapingControlCharacters(keepingLines: true) == "lines\n\tand tabs ✓\n")
        #expect("x\u{85}y".dropFirst().escapingControlCharacters(keepingLines: true) == "\\x85y")
    }

    @Test(arguments: [80, 81, 4_000_000])
    func aLongCellIsCutToTheTableWidth(length: Int) {
        let shown = TextTable.shown(String(repeating: "n", count: length))
        #expect(shown.count == min(length, TextTable.maximumCellWidth))
        #expect(shown.hasSuffix("…") == (length > TextTable.maximumCellWidth))
    }

    /// Printable ASCII takes a shorter way to its width than other text: either way, the
    /// column after it lines up.
    @Test(arguments: [
        "plain", "", String(repeating: "n", count: 100), "del\u{7F}", "tab\there", "ünïcödé ✓",
        "e\u{301}e\u{301}", "👩‍👩‍👧 family", "cr\r\nlf", String(repeating: "é", count: 100),
    ])
    func theNextColumnLinesUpAfterAnyCell(cell: String) {
        var table = TextTable([("NAME", .left), ("N", .right)])
        table.append([cell, "1"])
        table.append(["x", "2"])
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 3)
        let width = max(TextTable.shown(cell).count, "NAME".count)
        #expect(lines.map(\.count) == Array(repeating: width + 3, count: 3))
    }

    @Test func aCellCannotForgeARowOrAColumn() {
        var table = TextTable([("MODEL", .left), ("SIZE", .right)])
        table.append(["evil\n  Fake  1 GiB", "2 GiB"])
        #expect(table.render().split(separator: "\n").count == 2)
        #expect(TextTable.markdown("a | b") == "a \\| b")
    }
}
