/// What `/proc/meminfo` says about memory, in bytes.
public struct MemInfo: Hashable, Sendable {
    /// MemTotal.
    public var totalBytes: Int
    /// MemAvailable, or its estimate on kernels older than 3.14 (see ``parse(_:)``).
    public var availableBytes: Int
    /// Whether ``availableBytes`` is the estimate rather than the kernel's MemAvailable.
    public var estimated: Bool

    /// Creates a sample.
    public init(totalBytes: Int, availableBytes: Int, estimated: Bool = false) {
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
        self.estimated = estimated
    }

    /// Why a meminfo text cannot be used; it leads to no action.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// 1-based line, or 0 for the file as a whole.
        public var line: Int
        /// What is wrong.
        public var message: String

        public var description: String { line > 0 ? "line \(line): \(message)" : message }
    }

    /// Parses the text of `/proc/meminfo`: `Name:   value kB` lines.
    ///
    /// Without MemAvailable (kernels before 3.14) the estimate is MemFree + Buffers + Cached,
    /// as `free` computed it then. An empty text, a line that is not `Name: number [kB]`, or a
    /// missing MemTotal is an error.
    public static func parse(_ text: String) throws(ParseError) -> MemInfo {
        var fields: [Substring: Int] = [:]
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw ParseError(line: lineNumber, message: "expected \"Name: value kB\", got \"\(line.prefix(60))\"")
            }
            let name = line[..<colon]
            let parts = line[line.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true)
            guard let number = parts.first.flatMap({ Int($0) }), number >= 0, parts.count <= 2,
                parts.count == 1 || parts[1] == "kB"
            else {
                throw ParseError(line: lineNumber, message: "\(name): expected a number of kB, got \"\(line[line.index(after: colon)...].trimmed)\"")
            }
            let (bytes, overflow) = number.multipliedReportingOverflow(by: parts.count == 2 ? 1024 : 1)
            guard !overflow else { throw ParseError(line: lineNumber, message: "\(name): the value is too large") }
            fields[name] = bytes
        }
        guard lineNumber > 0, !fields.isEmpty else { throw ParseError(line: 0, message: "the file is empty") }
        guard let total = fields["MemTotal"], total > 0 else { throw ParseError(line: 0, message: "MemTotal is missing") }
        if let available = fields["MemAvailable"] {
            return MemInfo(totalBytes: total, availableBytes: available)
        }
        guard let free = fields["MemFree"] else {
            throw ParseError(line: 0, message: "neither MemAvailable nor MemFree is present")
        }
        return MemInfo(totalBytes: total, availableBytes: free + (fields["Buffers"] ?? 0) + (fields["Cached"] ?? 0), estimated: true)
    }
}

extension Substring {
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
