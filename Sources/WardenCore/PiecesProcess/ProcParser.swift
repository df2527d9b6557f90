/// Pure parsers of the /proc texts that lead from a port to a process and its memory.
///
/// /proc is read as an admin's `--proc-root` may present it, so nothing is trusted: a line
/// that does not read as the kernel writes it is skipped, numbers are range-checked, and kB
/// become bytes only when the product fits.
enum ProcParser {
    /// A TCP socket in the LISTEN state, from one line of `/proc/net/tcp` or `/proc/net/tcp6`.
    struct Listener: Hashable, Sendable {
        /// The local address in network order: 4 bytes, or 16 for tcp6.
        var address: [UInt8]
        /// The local port.
        var port: UInt16
        /// The socket's inode, which `/proc/PID/fd` links name as `socket:[INODE]`.
        var inode: UInt64

        /// Whether a connection to a loopback host can reach it: a loopback address
        /// (127.0.0.0/8, ::1, ::ffff:127.x.y.z) or a wildcard (0.0.0.0, ::).
        var acceptsLoopback: Bool {
            if address.allSatisfy({ $0 == 0 }) { return true }
            if address.count == 4 { return address[0] == 127 }
            let mapped = address.prefix(10).allSatisfy { $0 == 0 } && address[10] == 0xFF && address[11] == 0xFF
            if mapped { return address[12] == 127 }
            return address.prefix(15).allSatisfy { $0 == 0 } && address[15] == 1
        }
    }

    /// The kernel's state code for LISTEN (`TCP_LISTEN`, 10).
    static let listenState = "0A"

    /// The listening sockets of a `/proc/net/tcp` or `/proc/net/tcp6` text: `sl local rem st
    /// tx:rx tr:when retrnsmt uid timeout inode ...`, addresses and ports in hex. The header and
    /// any line that does not read so are skipped.
    static func listeners(_ text: String) -> [Listener] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 10, fields[0].last == ":", fields[3] == listenState,
                let colon = fields[1].lastIndex(of: ":"),
                let address = address(fields[1][..<colon]),
                let port = hex(fields[1][fields[1].index(after: colon)...], digits: 4).map(UInt16.init(truncatingIfNeeded:)),
                fields[9].utf8.allSatisfy({ (0x30...0x39).contains($0) }), let inode = UInt64(fields[9]), inode > 0
            else { return nil }
            return Listener(address: address, port: port, inode: inode)
        }
    }

    /// An address as the kernel prints it: 8 or 32 hex digits, each group of 8 a 32-bit word in
    /// the host's byte order, so the word's bytes in memory are the address in network order.
    static func address(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count == 8 || text.utf8.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var rest = text
        while !rest.isEmpty {
            guard let word = hex(rest.prefix(8), digits: 8).map(UInt32.init(truncatingIfNeeded:)) else { return nil }
            withUnsafeBytes(of: word) { bytes += $0 }
            rest = rest.dropFirst(8)
        }
        return bytes
    }

    /// Exactly `digits` hex digits (at most 8), or nil.
    static func hex(_ text: Substring, digits: Int) -> UInt64? {
        guard text.utf8.count == digits, digits <= 8, text.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return UInt64(text, radix: 16)
    }

    /// The inode of a `/proc/PID/fd` link that names a socket (`socket:[12345]`), else nil.
    static func socketInode(_ link: String) -> UInt64? {
        guard link.hasPrefix("socket:["), link.hasSuffix("]") else { return nil }
        let digits = link.dropFirst("socket:[".count).dropLast()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return UInt64(digits)
    }

    /// `Name`, `VmRSS` and `VmSwap` of a `/proc/PID/status` text, sizes in bytes. A missing
    /// VmRSS or VmSwap (a kernel thread, a zombie) or a size that is not `N kB` is an error.
    static func status(_ text: String) throws(MemInfo.ParseError) -> (name: String, rssBytes: Int, swapBytes: Int) {
        var name = "", rss: Int?, swap: Int?
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            switch key {
            case "Name": name = String(value.prefix(64))
            case "VmRSS": rss = try kilobytes(value, key: "VmRSS", line: lineNumber)
            case "VmSwap": swap = try kilobytes(value, key: "VmSwap", line: lineNumber)
            default: continue
            }
        }
        guard let rss, let swap else {
            throw MemInfo.ParseError(line: 0, message: "VmRSS or VmSwap is missing (a kernel thread, or a process that has exited)")
        }
        return (name, rss, swap)
    }

    /// `123 kB` in bytes; anything else, or a product beyond `Int`, is an error.
    static func kilobytes(_ value: Substring, key: String, line: Int) throws(MemInfo.ParseError) -> Int {
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, value.dropFirst(digits.count) == " kB", let number = Int(digits) else {
            throw MemInfo.ParseError(line: line, message: "\(key): expected a number of kB, got \"\(value.prefix(40))\"")
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: 1024)
        guard !overflow else { throw MemInfo.ParseError(line: line, message: "\(key): the value is too large") }
        return bytes
    }
}
