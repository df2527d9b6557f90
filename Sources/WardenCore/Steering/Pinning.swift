import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `modelwarden keep` and `unkeep`: pins with an expiry and a reason, written to the managed
/// drop-in with the validation, locking and revision of `policy set`.
public struct Pinning: Sendable {
    /// The policy and where Pieces OS is.
    public let configuration: WardenConfiguration
    /// Pieces OS, for the models MODEL names.
    public let world: OutsideWorld
    /// Writes the managed drop-in and records the revision.
    public let changer: PolicyChanger

    /// Creates the steering of pins.
    public init(configuration: WardenConfiguration, world: OutsideWorld, changer: PolicyChanger) {
        self.configuration = configuration
        self.world = world
        self.changer = changer
    }

    /// What a `keep` or `unkeep` did.
    public struct Change: Sendable {
        /// The models, as `name (id)`.
        public var models: [String]
        /// The revision saved; nil when the file already said so.
        public var revision: PolicyRevision?
    }

    /// Pins the models `pattern` names until `until` (nil: for good), for `reason`.
    public func keep(_ pattern: String, all: Bool, until: Date?, reason: String?) async throws -> Change {
        let models = try ModelSelector.resolve(pattern, in: try await snapshot(), all: all)
        // Such a model is never deleted anyway, and its id has no place in a policy file.
        for model in models {
            if let problem = ModelPathSegment.problem(with: model.id) {
                throw PinningError.unpinnable(model: model.name.escapingControlCharacters, problem: problem)
            }
        }
        let pins = models.map { ManagedDropIn.Pin(modelID: $0.id, until: until, reason: reason) }
        return Change(models: models.map(Self.label), revision: try changer.pin(pins))
    }

    /// Removes the pins `keep` wrote for the models `pattern` names; a model Pieces OS no longer
    /// lists is found by the id of its pin. A model a hand-written rule still pins is an error
    /// that names the rule.
    public func unkeep(_ pattern: String, all: Bool) async throws -> Change {
        let listed = try await snapshot()
        guard !ModelSelector.select(pattern, in: listed).isEmpty else {
            // Gone from Pieces OS, perhaps, but still pinned: found by the id of its pin.
            let pinned = try pinnedIDs().filter { $0 == pattern || ModelSelector.globMatches(pattern, $0) }
            guard !pinned.isEmpty else { throw SelectionError.noMatch(pattern: pattern, close: ModelSelector.closeNames(to: pattern, in: listed)) }
            guard all || pinned.count == 1 else { throw SelectionError.ambiguous(pattern: pattern, models: pinned) }
            return Change(models: pinned, revision: try changer.unpin(pinned))
        }
        let models = try ModelSelector.resolve(pattern, in: listed, all: all)
        let revision = try changer.unpin(models.map(\.id))
        let loaded = try changer.directories.load()
        let rules = loaded.policy.retention.rules
        for model in models {
            let (rule, _) = StalenessPlanner.decidingRule(for: model, in: rules, at: configuration.now)
            if let rule, rule.pins(at: configuration.now), let index = rules.firstIndex(of: rule) {
                let origin = loaded.origins[PolicyKey.rulePath(index)]?.description ?? "(built-in default)"
                throw PinningError.stillPinned(model: Self.label(model), rule: rule.name, origin: origin)
            }
        }
        return Change(models: models.map(Self.label), revision: revision)
    }

    private func snapshot() async throws -> [Model] {
        let api = try await world.pieces.connect(configuration.pieces)
        return try await api.screenedSnapshot(logger: world.logger).iterable
    }

    /// The ids the managed drop-in pins.
    private func pinnedIDs() throws -> [String] {
        let content = try ManagedDropIn.Content(try changer.managedText(), file: ManagedDropIn.name)
        let prefix = ManagedDropIn.Pin.ruleName(for: "")
        return content.rules.compactMap(\.name).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    private static func label(_ model: Model) -> String { "\(model.name) (\(model.id))" }
}

/// Why `unkeep` could not unpin a model.
public enum PinningError: CategorizedError, Equatable {
    /// A rule `keep` did not write still pins it (exit 1).
    case stillPinned(model: String, rule: String, origin: String)
    /// Its id cannot name it in a rule (exit 1); the planner keeps such a model anyway.
    case unpinnable(model: String, problem: String)

    public var category: FailureCategory { .actionFailed }

    public var description: String {
        switch self {
        case .stillPinned(let model, let rule, let origin):
            "\(model) is still pinned by rule \(PolicyExcerpt.quoted(rule)) at \(origin), which `keep` did not write; "
                + "change it with `modelwarden policy edit`"
        case .unpinnable(let model, let problem):
            "cannot pin \(model): its id cannot name it in a rule (\(problem)); modelwarden never deletes such a model's cache"
        }
    }
}
