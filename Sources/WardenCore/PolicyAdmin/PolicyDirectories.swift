#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The policy directories, read as a whole and changed one file at a time.
///
/// Every change is validated as part of the whole effective policy before anything is
/// written: a file that is fine alone can contradict another one.
public struct PolicyDirectories: Sendable {
    /// The directories, in the order they load (the last one wins).
    public let paths: [String]
    /// The uid the ownership check accepts beside root.
    public let uid: UInt32

    /// Creates the set; `paths` must not be empty.
    public init(paths: [String], uid: UInt32 = getuid()) {
        self.paths = paths
        self.uid = uid
    }

    /// Where `policy set` and a bare `policy edit` write: the last directory, whose files
    /// load last and so override the others.
    public var local: String { paths.last ?? "/etc/modelwarden/policies.d" }

    /// The effective policy as the files now stand.
    public func load() throws(PolicyError) -> LoadedPolicy {
        try PolicyLoader.load(directories: paths, uid: uid)
    }

    /// The effective policy if `file` held `text`. Permissions are checked as for a pass (77),
    /// then the whole is validated (65).
    public func validate(replacing file: String, with text: String) throws(PolicyError) -> LoadedPolicy {
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        var files = PolicyLoader.files(in: existing)
        if !files.contains(file) {
            files.append(file)
            files.sort { order(of: $0) < order(of: $1) }
        }
        return try PolicyLoader.load(files: files, checking: existing, uid: uid, replacing: [file: text])
    }

    /// A file named on the command line: a path as given, or a bare name in ``local``.
    public func resolve(_ name: String) -> String {
        name.contains("/") ? name : "\(local)/\(name)"
    }

    /// Creates ``local`` (0755) when it is missing, as `policy set` and `edit` need it.
    public func createLocal() throws {
        guard !FileManager.default.fileExists(atPath: local) else { return }
        do {
            try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw PolicyFileWriter.Failure.unwritable(path: local, reason: "\(error)")
        }
    }

    /// Files load directory by directory, each directory's in name order.
    private func order(of file: String) -> (Int, String) {
        let directory = PolicyFileWriter(path: file).directory
        return (paths.firstIndex(of: directory) ?? paths.count, file)
    }
}
