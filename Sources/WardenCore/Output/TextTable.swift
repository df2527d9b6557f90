import PiecesModels

/// A plain-text table with aligned columns, as `ps` and `systemctl` print them.
public struct TextTable: Sendable {
    /// How a column aligns.
    public enum Alignment: Sendable { case left, right }

    private let headers: [String]
    private let alignments: [Alignment]
    /// Each row's cells with their widths in characters, counted once: counting grapheme
    /// clusters is the costly part of a table of 10,000 models.
    private var rows: [[(text: String, width: Int)]] = []

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
        var row = cells.map(Self.cell)
        row += repeatElement((text: "", width: 0), count: max(0, headers.count - cells.count))
        rows.append(row)
    }

    /// `cell` as a table shows it: control characters escaped, cut to ``maximumCellWidth``.
    public static func shown(_ cell: String) -> String { Self.cell(cell).text }

    /// `cell` as shown, with its width in characters.
    private static func cell(_ cell: String) -> (text: String, width: Int) {
        // Printable ASCII (most cells) has nothing to escape and one character per byte: no
        // grapheme breaking to count it.
        if cell.utf8.allSatisfy(\.isPrintableASCII) {
            guard cell.utf8.count > maximumCellWidth else { return (cell, cell.utf8.count) }
            return (String(decoding: cell.utf8.prefix(maximumCellWidth - 1), as: UTF8.self) + "…", maximumCellWidth)
        }
        // Cut the scalars first, so that a megabyte-long name costs no more than a short one.
        let head = cell.unicodeScalars.count > maximumCellWidth * 4
            ? String(String.UnicodeScalarView(cell.unicodeScalars.prefix(maximumCellWidth * 4))) : cell
        let escaped = head.escapingControlCharacters
        let width = escaped.count
        return width > maximumCellWidth ? (escaped.prefix(maximumCellWidth - 1) + "…", maximumCellWidth) : (escaped, width)
    }

    /// `cell` as a Markdown table cell: ``shown(_:)``, with `|` escaped.
    public static func markdown(_ cell: String) -> String { shown(cell).replacing("|", with: "\\|") }

    /// The table, one line per row, two spaces between columns, no trailing spaces.
    public func render() -> String {
        let all = [headers.map { ($0, $0.count) }] + rows
        let widths = headers.indices.map { column in all.map { $0[column].width }.max() ?? 0 }
        var text = ""
        text.reserveCapacity(all.count * (widths.reduce(0, +) + 2 * widths.count + 1))
        var line = ""
        for row in all {
            line.removeAll(keepingCapacity: true)
            for column in headers.indices {
                let (cell, width) = row[column]
                if column > 0 { line += "  " }
                let padding = widths[column] - width
                if alignments[column] == .right { line += String(repeating: " ", count: padding) }
                line += cell
                if alignments[column] == .left { line += String(repeating: " ", count: padding) }
            }
            text.append(contentsOf: line.trailingSpacesRemoved)
            text += "\n"
        }
        return text
    }
}

extension String {
    /// The text without its trailing spaces; a space is one byte, so the UTF-8 view can cut it.
    fileprivate var trailingSpacesRemoved: Substring {
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        return self[..<end]
    }
}
