#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Observations {
    /// The latest finished pass.
    public struct LastPass: Sendable, Equatable, Encodable {
        /// When it started.
        public var at: Date
        /// `pass` or `dry_run`.
        public var kind: String
        /// How long it took by the monotonic clock; nil for a pass recorded before version 6 of the schema.
        public var durationSeconds: Double?
        /// Whether it ended with exit status 0.
        public var success: Bool
    }

    /// Live actions and bytes freed since the journal began.
    public struct Totals: Sendable, Equatable, Encodable {
        /// Closed actions by kind and outcome.
        public var actions: [ActionCount]
        /// Bytes the verified deletions freed.
        public var freedBytes: Int
    }

    /// How many closed actions of one kind ended one way.
    public struct ActionCount: Sendable, Equatable, Encodable {
        /// `delete_cache` or `unload_all`.
        public var kind: String
        /// `succeeded`, `failed` or `skipped`.
        public var outcome: String
        /// How many.
        public var count: Int
    }

    /// Models in each state; a loaded model is downloaded too, so they overlap.
    public struct ModelCounts: Sendable, Equatable, Encodable {
        /// Loaded in RAM.
        public var loaded: Int
        /// Local models with their cache on disk.
        public var downloaded: Int
        /// Being downloaded.
        public var downloading: Int
        /// Cloud models.
        public var cloud: Int
        /// Kept by a pin that still holds.
        public var pinned: Int

        /// The states in label order, for the `modelwarden_models` gauge.
        public var byState: [(state: String, count: Int)] {
            [("loaded", loaded), ("downloaded", downloaded), ("downloading", downloading), ("cloud", cloud), ("pinned", pinned)]
        }
    }

    /// One UTC day.
    public struct Day: Sendable, Equatable, Encodable {
        /// The day, `YYYY-MM-DD`.
        public var day: String
        /// Bytes the verified deletions of the day freed.
        public var freedBytes: Int
        /// Bytes freed from the period's start to the end of the day.
        public var cumulativeFreedBytes: Int
        /// Live actions begun that day, by outcome (`open` for none yet).
        public var actions: [String: Int]
    }

    /// One unload under memory pressure.
    public struct PressureEvent: Sendable, Equatable, Encodable {
        /// When it was decided.
        public var at: Date
        /// How it ended (`open` while it runs).
        public var outcome: String
        /// RAM of the loaded models, by Pieces OS's account.
        public var expectedBytes: Int?
        /// MemAvailable when it was decided.
        public var availableBeforeBytes: Int?
        /// MemAvailable after the settle.
        public var availableAfterBytes: Int?
        /// Pieces OS's RSS before.
        public var piecesRSSBeforeBytes: Int?
        /// Pieces OS's RSS after.
        public var piecesRSSAfterBytes: Int?
    }

    /// A model and when it was last used.
    public struct LastUse: Sendable, Equatable, Encodable {
        /// The model.
        public var modelID: String
        /// Its name.
        public var modelName: String
        /// When modelwarden first saw it.
        public var firstSeen: Date
        /// Its last use (loaded or scored), else when it was first seen.
        public var lastUsed: Date
        /// Whether its cache is on disk.
        public var downloaded: Bool
        /// Its size on disk.
        public var bytes: Int?
    }

    /// A deletion the latest plan foresees.
    public struct UpcomingDeletion: Sendable, Equatable, Encodable {
        /// The model.
        public var modelID: String
        /// Its name.
        public var modelName: String
        /// Why it goes.
        public var reason: String
        /// The rule that decided.
        public var rule: String?
        /// Its size on disk.
        public var bytes: Int?
        /// When it goes (the plan's time when it is due).
        public var deletesAt: Date
        /// When its notice was given, when one was.
        public var noticedAt: Date?
    }

    /// A pin the latest plan applied.
    public struct Pin: Sendable, Equatable, Encodable {
        /// The model.
        public var modelID: String
        /// Its name.
        public var modelName: String
        /// The rule that pins it.
        public var rule: String?
        /// Until when; nil for good.
        public var until: Date?
        /// Why, in the owner's words.
        public var reason: String?
    }

    /// A policy revision.
    public struct Revision: Sendable, Equatable, Encodable {
        /// When.
        public var at: Date
        /// Who, by name when known.
        public var user: String?
        /// `set`, `edit`, `keep`, `unkeep`, `hand`… (how it was made).
        public var source: String
        /// The file changed.
        public var file: String?
        /// The effective policy's digest after it.
        public var digest: String?
    }
}
