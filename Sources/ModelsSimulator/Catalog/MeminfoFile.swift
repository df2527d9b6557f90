import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `/proc/meminfo` stand-in whose MemAvailable drops by the `ram` of each loaded model.
public struct MeminfoFile: Sendable {
    /// Where the file is written.
    public var path: String
    /// MemTotal.
    public var total: ByteCount
    /// What the rest of the system uses, before any model is loaded.
    public var base: ByteCount

    /// Creates a meminfo writer.
    public init(path: String, total: ByteCount, base: ByteCount) {
        self.path = path
        self.total = total
        self.base = base
    }

    /// The file's text for `models`, in the kernel's layout (kB, right-aligned).
    public func render(_ models: Models) -> String {
        let loaded = ByteCount.sum(models.iterable.filter { $0.loaded == true }.map { $0.ram?.value ?? 0 })
        let available = max(0, total.bytes - base.bytes - loaded)
        let rows: [(String, Int)] = [
            ("MemTotal", total.bytes), ("MemFree", available), ("MemAvailable", available),
            ("Buffers", 0), ("Cached", 0), ("SwapTotal", 0), ("SwapFree", 0),
        ]
        return rows.map { name, bytes in
            let kilobytes = String(bytes / 1024)
            let label = name + ":"
            let padding = String(repeating: " ", count: max(1, 24 - label.count - kilobytes.count))
            return label + padding + kilobytes + " kB\n"
        }.joined()
    }

    /// Replaces the file atomically with the text for `models`.
    public func write(_ models: Models) throws {
        try Data(render(models).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
