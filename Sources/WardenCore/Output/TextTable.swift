import PiecesModels

/// A plain-text table with aligned columns, as `ps` and `systemctl` print them.
public struct TextTable: Sendable {
    /// How a column aligns.
    public enum Alignment: Sendable { case left, right }

    private let headers: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    /// Creates a table with these column headers.
    public init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    /// The widest a cell is shown; longer text ends in `…` (the JSON output has it whole).
    public static let maximumCellWidth = 80

    /// Appends a row; missing cells are blank. A cell is Pieces OS's to choose (a model's name),
    /// so its control characters are shown escaped, and a long one is cut: no cell can break or
    /// forge a line, or pad every row of the table to megabytes.
    public mutating func append(_ cells: [String]) {
        let shown = cells.map(Self.shown)
        rows.append(shown + Array(repeating: "", count: max(0, headers.count - cells.count)))
    }

    /// `cell` as a table shows it: control characters escaped, cut to ``maximumCellWidth``.
    public static func shown(_ cell: String) -> String {
        // Cut the scalars first, so that a megabyte-long name costs no more than a short one.
        let head = cell.unicodeScalars.count > maximumCellWidth * 4
            ? String(String.UnicodeScalarView(cell.unicodeScalars.prefix(maximumCellWidth * 4))) : cell
        let escaped = head.escapingControlCharacters
        return escaped.count > maximumCellWidth ? escaped.prefix(maximumCellWidth - 1) + "…" : escaped
    }

    /// `cell` as a Markdown table cell: ``shown(_:)``, with `|` escaped.
    public static func markdown(_ cell: String) -> String { shown(cell).replacing("|", with: "\\|") }

    /// The table, one line per row, two spaces between columns, no trailing spaces.
    public func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            headers.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return alignments[column] == .left ? cell + padding : padding + cell
            }.joined(separator: "  ").trailingSpacesRemoved
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        String(reversed().drop(while: { $0 == " " }).reversed())
    }
}
