import PiecesModels

#if canImport(Glibc)
import Glibc
#endif

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
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { bytes throws(ParseError) in try parse(bytes) }
    }

    /// Parses the bytes of `/proc/meminfo` without building strings: the watcher does this
    /// every second, so it must cost little.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> MemInfo {
        var total: Int?, available: Int?, free: Int?, buffers = 0, cached = 0
        var lineNumber = 0
        var index = 0
        var sawField = false
        while index < bytes.count {
            lineNumber += 1
            let start = index
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw ParseError(line: lineNumber, message: "expected \"Name: value kB\", got \"\(Self.text(line, limit: 60))\"")
            }
            var cursor = colon + 1
            while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
            var value = 0
            let digits = cursor
            while cursor < line.count, (0x30...0x39).contains(line[cursor]) {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = product.addingReportingOverflow(Int(line[cursor] - 0x30))
                guard !overflow, !carry else { throw ParseError(line: lineNumber, message: "\(Self.text(line[..<colon])): the value is too large") }
                value = sum
                cursor += 1
            }
            var unit = 1
            let rest = line[cursor...]
            if Self.matches(rest, " kB") {
                unit = 1024
            } else if !rest.isEmpty || cursor == digits {
                let name = Self.text(line[..<colon])
                throw ParseError(line: lineNumber, message: "\(name): expected a number of kB, got \"\(Self.text(line[(colon + 1)...]).trimmingBlanks)\"")
            }
            let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
            guard !overflow else { throw ParseError(line: lineNumber, message: "\(Self.text(line[..<colon])): the value is too large") }
            sawField = true
            // Compared as bytes: building a String per line costs more than the whole parse.
            let name = line[..<colon]
            if Self.matches(name, "MemTotal") {
                total = bytes
            } else if Self.matches(name, "MemAvailable") {
                available = bytes
            } else if Self.matches(name, "MemFree") {
                free = bytes
            } else if Self.matches(name, "Buffers") {
                buffers = bytes
            } else if Self.matches(name, "Cached") {
                cached = bytes
            }
        }
        guard sawField else { throw ParseError(line: 0, message: "the file is empty") }
        guard let total, total > 0 else { throw ParseError(line: 0, message: "MemTotal is missing") }
        let estimated = available == nil
        guard let availableBytes = available ?? free.map({ ByteCount.sum([$0, buffers, cached]) }) else {
            throw ParseError(line: 0, message: "neither MemAvailable nor MemFree is present")
        }
        // A reading out of range is a broken or forged file, not a reason to act.
        guard availableBytes <= total else {
            throw ParseError(line: 0, message: "\(estimated ? "the estimate of MemAvailable" : "MemAvailable") (\(availableBytes) bytes) exceeds MemTotal (\(total) bytes)")
        }
        return MemInfo(totalBytes: total, availableBytes: availableBytes, estimated: estimated)
    }

    /// Compares lengths first, then bytes: the generic `elementsEqual` was the costliest part
    /// of an idle watcher's second.
    private static func matches(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        guard let base = bytes.base.baseAddress else { return literal.utf8CodeUnitCount == 0 }
        return memcmp(base + bytes.startIndex, literal.utf8Start, bytes.count) == 0
    }

    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, limit: Int = 200) -> String {
        String(decoding: bytes.prefix(limit), as: UTF8.self)
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 200) -> String {
        String(decoding: bytes.prefix(limit), as: UTF8.self)
    }
}

extension String {
    var trimmingBlanks: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
