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
        let revision = try changer.pin(pins)
        // A pin overrides the notices given so far: once it ends, a full notice period starts.
        try changer.history.journal.spendNotices(of: models.map(\.id), at: configuration.now)
        if let (model, rule, origin) = try winningRules(for: models).first(where: { !$0.1.pins(at: configuration.now) }) {
            throw PinningError.overridden(model: Self.label(model), rule: rule.name, origin: origin)
        }
        return Change(models: models.map(Self.label), revision: revision)
    }

    /// The rule that decides each of `models` under the policy as the files say now, and where it is.
    private func winningRules(for models: [Model]) throws -> [(Model, PolicyRule, String)] {
        let loaded = try changer.directories.load()
        let rules = loaded.policy.retention.rules
        return models.compactMap { model in
            let (found, _) = StalenessPlanner.decidingRule(for: model, in: rules, at: configuration.now)
            guard let rule = found, let index = rules.firstIndex(of: rule) else { return nil }
            return (model, rule, loaded.origins[PolicyKey.rulePath(index)]?.description ?? BuiltInPolicy.origin)
        }
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
        if let (model, rule, origin) = try winningRules(for: models).first(where: { $0.1.pins(at: configuration.now) }) {
            throw PinningError.stillPinned(model: Self.label(model), rule: rule.name, origin: origin, removed: revision != nil)
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

    /// `name (id)`, each escaped: a name from Pieces OS must not forge lines on the terminal.
    private static func label(_ model: Model) -> String { "\(model.name.escapingControlCharacters) (\(model.id.escapingControlCharacters))" }
}

// The rule a pin's reason follows, as the command line checks it.
extension Pinning {
    /// The most characters a reason may have: the policy's own limit.
    public static var reasonLimit: Int { PolicyValueCheck<String?>.noteLimit }

    /// What is wrong with `reason` as a rule's `reason`, or nil: the policy's own check.
    public static func problem(withReason reason: String) -> String? {
        PolicyValueCheck<String?>.note.problem("", reason).map { String($0.drop { $0 == " " }) }
    }
}

/// Why `unkeep` could not unpin a model.
public enum PinningError: CategorizedError, Equatable {
    /// A rule `keep` did not write still pins it (exit 1); `removed`: the pin `keep` wrote is gone.
    case stillPinned(model: String, rule: String, origin: String, removed: Bool)
    /// The pin was saved, but another rule decides the model first (exit 1).
    case overridden(model: String, rule: String, origin: String)
    /// Its id cannot name it in a rule (exit 1); the planner keeps such a model anyway.
    case unpinnable(model: String, problem: String)

    public var category: FailureCategory { .actionFailed }

    public var description: String {
        switch self {
        case .stillPinned(let model, let rule, let origin, let removed):
            (removed ? "removed the pin `keep` wrote, but " : "") + "\(model) is still pinned by rule \(PolicyExcerpt.quoted(rule)) at \(origin), "
                + "which `keep` did not write; change it with `modelwarden policy edit`"
        case .overridden(let model, let rule, let origin):
            "saved the pin of \(model), but rule \(PolicyExcerpt.quoted(rule)) at \(origin) decides it first (a file that loads "
                + "after 90-local.yaml); move that rule, or pin the model there, with `modelwarden policy edit`"
        case .unpinnable(let model, let problem):
            "cannot pin \(model): its id cannot name it in a rule (\(problem)); modelwarden never deletes such a model's cache"
        }
    }
}
