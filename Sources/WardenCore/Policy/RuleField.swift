import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The keys of one rule in `retention.rules`, each declared once.
enum RuleField: String, CaseIterable, Sendable {
    case name, match, keep
    case staleAfter = "stale_after"
    case keepUntil = "keep_until"
    case reason

    /// How the value is read, checked, stored and rendered; nil for `match`, a mapping of
    /// ``MatchField``s.
    var field: PolicyField<PolicyRule>? {
        switch self {
        case .name: PolicyField(.text, \.name)
        case .match: nil
        case .keep: PolicyField(.pin, \.keep)
        case .staleAfter:
            PolicyField(PolicyValueType<Duration>.duration.optional, \.staleAfter,
                        check: .positive("0s would make every model the rule matches stale at once"))
        case .keepUntil: PolicyField(PolicyValueType<Date>.instant.optional, \.keepUntil)
        case .reason: PolicyField(PolicyValueType<String>.text.optional, \.reason, check: .note)
        }
    }

    /// One line on what the key means.
    var doc: String {
        switch self {
        case .name: "the rule's name, unique, shown in reports and the journal"
        case .match: "the conditions, every one of which must hold; none: every model"
        case .keep: "true: a pin, never delete what the rule matches"
        case .staleAfter: "delete the cache of a matching LLM unused for this long"
        case .keepUntil: "with keep: true, the pin protects until this instant and then no longer"
        case .reason: "why the rule exists; `modelwarden keep --reason` writes it"
        }
    }
}

/// The conditions of a rule's `match`, each declared once, in canonical order.
enum MatchField: String, CaseIterable, Sendable {
    case name, id, unique, foundation, provider
    case minSize = "min_size", maxSize = "max_size"
    case custom

    /// How the condition is read, stored and rendered.
    var field: PolicyField<PolicyRule.Match> {
        let glob = PolicyValueType<String>.text.optional, size = PolicyValueType<ByteCount>.size.optional
        switch self {
        case .name: return PolicyField(glob, \.name)
        case .id: return PolicyField(glob, \.id)
        case .unique: return PolicyField(glob, \.unique)
        case .foundation: return PolicyField(glob, \.foundation)
        case .provider: return PolicyField(glob, \.provider)
        case .minSize: return PolicyField(size, \.minSize)
        case .maxSize: return PolicyField(size, \.maxSize)
        case .custom: return PolicyField(PolicyValueType<Bool>.boolean.optional, \.custom)
        }
    }

    /// One line on what the condition means.
    var doc: String {
        switch self {
        case .name: "a glob on the model's name, e.g. \"Llama-3*\""
        case .id: "a glob on the model's id"
        case .unique: "a glob on the model's `unique`"
        case .foundation: "a glob on the raw value of the model's foundation"
        case .provider: "a glob on the raw value of the model's provider"
        case .minSize: "at least this big on disk"
        case .maxSize: "at most this big on disk"
        case .custom: "whether the model is a custom one"
        }
    }
}
