import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

extension StalenessPlanner {
    /// The rule that decides `model` at `now` (the first that matches, passing over pins that
    /// expired), and the latest expiry of such a pin.
    static func decidingRule(for model: Model, in rules: [PolicyRule], at now: Date) -> (rule: PolicyRule?, pinExpiredAt: Date?) {
        var expired: Date?
        for rule in rules where matches(rule.match, model) {
            guard let expiry = rule.pinExpiry(at: now) else { return (rule, expired) }
            expired = max(expired ?? expiry, expiry)
        }
        return (nil, expired)
    }

    /// Whether `model` meets every condition of `match`; globs are fnmatch(3) patterns.
    public static func matches(_ match: PolicyRule.Match, _ model: Model) -> Bool {
        mismatch(match, model) == nil
    }

    /// The first condition of `match` that `model` fails, in words; nil when it meets them all.
    public static func mismatch(_ match: PolicyRule.Match, _ model: Model) -> String? {
        func glob(_ key: String, _ pattern: String?, _ value: String?) -> String? {
            guard let pattern else { return nil }
            guard let value else { return "\(key): the model has none" }
            return fnmatch(pattern, value, 0) == 0 ? nil : "\(key) \(PolicyExcerpt.quoted(value)) does not match \(PolicyExcerpt.quoted(pattern))"
        }
        let bytes = model.bytes?.value
        if let problem = glob("name", match.name, model.name) ?? glob("id", match.id, model.id)
            ?? glob("unique", match.unique, model.unique) ?? glob("foundation", match.foundation, model.foundation?.rawValue)
            ?? glob("provider", match.provider, model.provider?.rawValue)
        {
            return problem
        }
        if let min = match.minSize, !(bytes.map { $0 >= min.bytes } ?? false) {
            return "size \(bytes.map { ByteCount($0).description } ?? "unknown") is under min_size \(min)"
        }
        if let max = match.maxSize, !(bytes.map { $0 <= max.bytes } ?? false) {
            return "size \(bytes.map { ByteCount($0).description } ?? "unknown") is over max_size \(max)"
        }
        if let custom = match.custom, custom != (model.custom ?? false) {
            return custom ? "the model is not custom" : "the model is custom"
        }
        return nil
    }
}
