#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The private copy `policy edit` hands to the editor: the file's own name (so the editor
/// knows it is YAML) in a fresh 0700 directory under `$TMPDIR` (or /tmp).
struct ScratchCopy {
    /// Where the copy is.
    let path: String
    private let directory: String

    /// Creates the copy holding `text`.
    init(of file: String, text: String) throws {
        let name = file.split(separator: "/").last.map(String.init) ?? "policy.yaml"
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/modelwarden-edit.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) != nil else {
            throw PolicyFileWriter.Failure.unwritable(path: base, reason: String(cString: strerror(errno)))
        }
        directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        path = "\(directory)/\(name)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0, ReplacedFile.writeAll(Array(text.utf8), to: descriptor) else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            unlink(path)
            rmdir(directory)
            throw PolicyFileWriter.Failure.unwritable(path: path, reason: reason)
        }
        close(descriptor)
    }

    /// What the copy holds now.
    func text() throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyFileWriter.Failure.unwritable(path: path, reason: "the edited copy is gone")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Removes the copy and its directory.
    func remove() {
        unlink(path)
        rmdir(directory)
    }
}
