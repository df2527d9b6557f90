import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A policy as loaded: the typed value, where it came from, and its digest.
public struct LoadedPolicy: Sendable {
    /// The effective policy.
    public var policy: Policy
    /// The files it was merged from, in order; empty for the built-in default.
    public var files: [String]
    /// `sha256:` of the effective policy's canonical text; it changes exactly when the policy does.
    public var digest: String
    /// Where each value was set, by dotted key (`retention.rules[0]` for rules), for
    /// `policy show --origin`.
    public var origins: [String: PolicyOrigin] = [:]
    /// The directories it was loaded from, to read them again; nil for files or texts given.
    public var directories: PolicyDirectories?

    /// Whether the policy directories, read again now, still give this policy; true when it
    /// was not loaded from directories (nothing to compare with). A pass that loaded its
    /// policy before a `policy set` or an edit finds it stale here.
    public func isCurrent() -> Bool {
        guard let directories else { return true }
        return (try? directories.load())?.digest == digest
    }
}

/// Finds, checks and merges policy files.
public enum PolicyLoader {
    /// The environment variable naming policy directories (colon-separated).
    public static let variable = "MODELWARDEN_POLICY_DIR"

    /// `--policy-dir` (repeatable), else `$MODELWARDEN_POLICY_DIR`, else
    /// `/etc/modelwarden/policies.d` and, for a non-root user, `$XDG_CONFIG_HOME/modelwarden/policies.d`.
    /// A directory holding a control character is refused, naming where it came from (exit 64).
    public static func directories(flags: [String], environment: [String: String], uid: UInt32) throws(SettingError) -> [String] {
        if !flags.isEmpty {
            for flag in flags { try PathSetting.check(flag, setting: "--policy-dir") }
            return flags
        }
        if let variable = environment[variable], !variable.isEmpty {
            try PathSetting.check(variable, setting: Self.variable)
            return variable.split(separator: ":").map(String.init)
        }
        var directories = ["/etc/modelwarden/policies.d"]
        if uid != 0 {
            let (setting, config) = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? ("XDG_CONFIG_HOME", $0) : nil }
                ?? ("HOME", (environment["HOME"] ?? "/") + "/.config")
            try PathSetting.check(config, setting: setting)
            directories.append(config + "/modelwarden/policies.d")
        }
        return directories
    }

    /// Every `*.yaml` in `directories` that exist, each directory's files in name order.
    public static func files(in directories: [String]) -> [String] {
        directories.flatMap { directory -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { "\(directory)/\($0)" }
        }
    }

    /// Loads the policy of `directories`: the built-in default when they hold no file.
    public static func load(directories: [String], uid: UInt32 = getuid()) throws(PolicyError) -> LoadedPolicy {
        let existing = directories.filter { FileManager.default.fileExists(atPath: $0) }
        var loaded = try load(files: files(in: existing), checking: existing, uid: uid)
        loaded.directories = PolicyDirectories(paths: directories, uid: uid)
        return loaded
    }

    /// Loads exactly `files`, merged in the order given, after checking them and `directories`.
    /// A file in `replacing` is read from there instead of the disk: what `policy set` and
    /// `policy edit` are about to write.
    public static func load(
        files: [String], checking directories: [String] = [], uid: UInt32 = getuid(), replacing: [String: String] = [:]
    ) throws(PolicyError) -> LoadedPolicy {
        let problems = (directories + files).compactMap { PolicySecurity.problem(at: $0, uid: uid) }
        if !problems.isEmpty { throw .insecure(problems) }
        var denied: [String] = []
        let layers = files.map { file -> PolicyLayer in
            if let text = replacing[file] { return PolicyLayer(file: file, text: text) }
            switch PolicyFileReader.read(file) {
            case .success(let text):
                return PolicyLayer(file: file, text: text)
            case .failure(let failure):
                // Permission denied is a permission problem, as insecure permissions are (77).
                if case .denied = failure { denied.append("\(file): \(failure.message)") }
                var line = 1, column = 1
                if case .notUTF8(_, let at, let from) = failure { (line, column) = (at, from) }
                return PolicyLayer(file: file, problem: PolicyDiagnostic(file: file, line: line, column: column, message: failure.message))
            }
        }
        if !denied.isEmpty { throw .unreadable(denied) }
        return try merge(layers)
    }

    /// Loads policy texts already in memory (tests, `policy set` before writing).
    public static func load(texts: [(file: String, text: String)]) throws(PolicyError) -> LoadedPolicy {
        try merge(texts.map { PolicyLayer(file: $0.file, text: $0.text) })
    }

    private static func merge(_ layers: [PolicyLayer]) throws(PolicyError) -> LoadedPolicy {
        let base = PolicyLayer(file: BuiltInPolicy.origin, text: BuiltInPolicy.text)
        switch PolicyBuilder.build(base: base, layers: layers) {
        case .success(let policy):
            var origins = base.values.mapValues(\.origin)
            for layer in layers { origins.merge(layer.values.mapValues(\.origin)) { $1 } }
            for (index, rule) in PolicyBuilder.rules(base: base, layers: layers).enumerated() {
                origins[PolicyKey.rulePath(index)] = rule.origin
            }
            return LoadedPolicy(
                policy: policy, files: layers.map(\.file), digest: PolicyDigest.digest(of: policy.canonicalText),
                origins: origins)
        case .failure(let error):
            throw error
        }
    }
}
