#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `policy set` and the saving half of `policy edit`: validate the whole policy, replace the
/// file atomically if nobody changed it meanwhile, and record the revision.
public struct PolicyChanger: Sendable {
    /// The policy directories.
    public let directories: PolicyDirectories
    /// Where revisions go.
    public let history: PolicyHistory
    /// Who makes the changes.
    public let actor: PolicyActor
    /// The time.
    public let clock: @Sendable () -> Date

    /// Creates a changer.
    public init(directories: PolicyDirectories, history: PolicyHistory, actor: PolicyActor, clock: @escaping @Sendable () -> Date) {
        self.directories = directories
        self.history = history
        self.actor = actor
        self.clock = clock
    }

    /// Applies `assignments` to the managed drop-in; nil when that changes nothing.
    public func set(_ assignments: [ManagedDropIn.Assignment]) throws -> PolicyRevision? {
        try changeManaged(source: .set) { before, file in try ManagedDropIn.text(updating: before, file: file, with: assignments) }
    }

    /// Adds `pins` to the managed drop-in (`modelwarden keep`); nil when that changes nothing.
    public func pin(_ pins: [ManagedDropIn.Pin]) throws -> PolicyRevision? {
        try changeManaged(source: .keep) { before, file in try ManagedDropIn.text(updating: before, file: file, pinning: pins) }
    }

    /// Removes the pins of `modelIDs` from the managed drop-in (`modelwarden unkeep`); nil when
    /// it held none of them.
    public func unpin(_ modelIDs: [String]) throws -> PolicyRevision? {
        try changeManaged(source: .unkeep) { before, file in try ManagedDropIn.text(updating: before, file: file, unpinning: modelIDs) }
    }

    /// The managed drop-in, as it is when it exists.
    public func managedText() throws -> String? {
        try PolicyFileWriter(path: directories.resolve(ManagedDropIn.name)).currentText()
    }

    /// Rewrites the managed drop-in as `change` says, recording `source`; nil when nothing changed.
    private func changeManaged(
        source: PolicyRevision.Source, _ change: (_ before: String?, _ file: String) throws -> String?
    ) throws -> PolicyRevision? {
        try directories.createLocal()
        let writer = PolicyFileWriter(path: directories.resolve(ManagedDropIn.name))
        // Read, change and write under the lock, so concurrent changes apply one after the other.
        return try writer.locked {
            let before = try writer.currentText()
            guard let after = try change(before, writer.path), after != before else { return nil }
            return try save(writer, before: before, after: after, source: source)
        }
    }

    /// Writes `edited` over `file` if it still holds `original` (nil: still absent).
    public func save(file: String, original: String?, edited: String) throws -> PolicyRevision {
        let writer = PolicyFileWriter(path: file)
        return try writer.locked { try save(writer, before: original, after: edited, source: .edit) }
    }

    private func save(_ writer: PolicyFileWriter, before: String?, after: String, source: PolicyRevision.Source) throws -> PolicyRevision {
        // Validated again under the lock: another file may have changed since the caller looked.
        let effective = try directories.validate(replacing: writer.path, with: after)
        try writer.replace(with: after, expecting: before)
        return try history.recordFileChange(
            file: writer.path, before: before, after: after, source: source, effective: effective, by: actor, at: clock())
    }
}
