/// A table as HTML: a caption, header cells with `scope`, and cells whose exact figure, when
/// the text rounds it, is kept in `data-value` for readers and tests that need it.
struct HTMLTable {
    /// One cell.
    struct Cell {
        var text: String
        var value: Int?
        var numeric: Bool

        /// A cell of text.
        static func text(_ text: String?) -> Cell { Cell(text: text ?? "–", value: nil, numeric: false) }
        /// A count.
        static func count(_ count: Int) -> Cell { Cell(text: String(count), value: count, numeric: true) }
        /// A size, shown in binary units, exact in `data-value`.
        static func bytes(_ bytes: Int?) -> Cell {
            bytes.map { Cell(text: HTMLReport.size($0), value: $0, numeric: true) } ?? Cell(text: "–", value: nil, numeric: true)
        }
    }

    var caption: String
    var headers: [(title: String, numeric: Bool)]
    var rows: [[Cell]]

    /// The `<table>` element.
    func render() -> String {
        var html = "<table><caption>\(HTMLText.escape(caption))</caption><thead><tr>"
        for header in headers {
            html += "<th scope=\"col\"\(header.numeric ? " class=\"number\"" : "")>\(HTMLText.escape(header.title))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let tag = index == 0 ? "th scope=\"row\"" : "td", close = index == 0 ? "th" : "td"
                html += "<\(tag)\(cell.numeric ? " class=\"number\"" : "")\(cell.value.map { " data-value=\"\($0)\"" } ?? "")>"
                html += "\(HTMLText.escape(cell.text))</\(close)>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table>"
    }
}
