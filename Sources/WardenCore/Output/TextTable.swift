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

    /// Appends a row; missing cells are blank. A control character in a cell (a model's name
    /// is Pieces OS's to choose) is shown escaped, so no cell can break or forge a line.
    public mutating func append(_ cells: [String]) {
        let shown = cells.map(\.escapingControlCharacters)
        rows.append(shown + Array(repeating: "", count: max(0, headers.count - cells.count)))
    }

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
