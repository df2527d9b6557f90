#if canImport(Glibc)
import Glibc
#endif

/// Gives back the pages of modelwarden's own program file that the watcher no longer runs.
///
/// Start-up and a policy load run code that an idle watcher never runs again (argument
/// parsing, YAML, migrations), and the kernel maps whole 64 KiB runs of the file around each
/// page it faults in: about 27 MiB of the file stayed resident, six times what the idle loop
/// keeps. `MADV_PAGEOUT` (Linux 5.4) drops the pages only this process maps; the few an idle
/// tick runs fault back in from the page cache. Only read-only mappings of the executable are
/// advised: writable ones hold data. One of them, the relocated data the loader made read-only
/// (RELRO, about 1 MiB), holds private pages: without swap the kernel keeps them; with swap
/// they may go out and come back on first use.
public enum ExecutablePages {
    /// One mapping to advise: its start and its length in bytes.
    public struct Span: Equatable, Sendable {
        /// The first address.
        public var start: UInt
        /// The length in bytes.
        public var length: UInt
    }

    /// `MADV_PAGEOUT` from <linux/mman.h>, which Glibc's module does not export everywhere.
    static let pageOut: Int32 = 21

    /// Advises the kernel to reclaim the read-only mappings of the running executable; returns
    /// the bytes advised, or nil when nothing could be (no procfs, or a kernel before 5.4,
    /// which refuses the advice with EINVAL: the pages then simply stay).
    @discardableResult
    public static func release(procRoot: String = "/proc") -> UInt? {
        let maps = ProbeFile("\(procRoot)/self/maps", limit: 1 << 20, readsToEnd: true)
        guard let text = maps.withContents({ String(decoding: $0, as: UTF8.self) }),
            let executable = executablePath(procRoot: procRoot)
        else { return nil }
        var advised: UInt = 0
        for span in readOnlySpans(maps: text, executable: executable) {
            guard let address = UnsafeMutableRawPointer(bitPattern: span.start) else { continue }
            if madvise(address, Int(span.length), pageOut) == 0 { advised += span.length }
        }
        return advised > 0 ? advised : nil
    }

    /// The read-only mappings of `executable` in the text of `/proc/self/maps`. A line that
    /// does not parse is skipped: the file is the kernel's, but its format is not ours.
    public static func readOnlySpans(maps: String, executable: String) -> [Span] {
        maps.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count == 6, fields[5].trimmingLeadingSpaces == executable,
                fields[1].first == "r", !fields[1].contains("w")
            else { return nil }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                end > start
            else { return nil }
            return Span(start: start, length: end - start)
        }
    }

    /// The path the kernel gives for the running executable, as `maps` shows it.
    static func executablePath(procRoot: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("\(procRoot)/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Substring {
    /// The text without the spaces `maps` pads its path column with.
    fileprivate var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}
