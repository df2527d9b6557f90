import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One change of the policy, as the journal keeps it.
public struct PolicyRevision: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// How the change came about.
    public enum Source: String, Codable, Sendable {
        /// `modelwarden policy set`.
        case set
        /// `modelwarden policy edit`.
        case edit
        /// `modelwarden keep`.
        case keep
        /// `modelwarden unkeep`.
        case unkeep
        /// A pass found the effective policy changed by hand.
        case pass
        /// The first pass that saw a policy: where history starts.
        case baseline
    }

    public static let databaseTableName = "policy_revision"
    /// Times are stored as Unix seconds (REAL), like every time the journal keeps; reading
    /// accepts those and the text GRDB wrote by default before migration v3.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    /// The row id.
    public var id: Int64?
    /// When.
    public var at: Date
    /// Who: the real uid of the process that recorded it.
    public var uid: UInt32
    /// Who, by name (`alice via sudo` when root ran it through sudo).
    public var user: String
    /// The file changed, or every file of the policy for a change a pass found.
    public var file: String
    /// `sha256:` of the file before (nil: it did not exist) and after.
    public var digestBefore: String?
    /// `sha256:` of the file after.
    public var digestAfter: String?
    /// The unified diff.
    public var diff: String
    /// How.
    public var source: Source
    /// The effective policy's digest after the change.
    public var policyDigest: String
    /// The effective policy's canonical text after the change.
    public var policyText: String

    enum CodingKeys: String, CodingKey {
        case id, at, uid, user, file, diff, source
        case digestBefore = "digest_before", digestAfter = "digest_after"
        case policyDigest = "policy_digest", policyText = "policy_text"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PolicyRevision {
    /// The `policy history --json` form: the revision without the policy's whole text.
    public struct JSONView: Encodable, Sendable {
        var id: Int64?
        var at: Date
        var uid: UInt32
        var user: String
        var file: String
        var source: Source
        @JSONNull var digestBefore: String?
        @JSONNull var digestAfter: String?
        var policyDigest: String
        var diff: String

        /// The view of `revision`.
        public init(_ revision: PolicyRevision) {
            id = revision.id
            at = revision.at
            uid = revision.uid
            user = revision.user
            file = revision.file
            source = revision.source
            digestBefore = revision.digestBefore
            digestAfter = revision.digestAfter
            policyDigest = revision.policyDigest
            diff = revision.diff
        }
    }
}
