import PiecesModels

/// The one rule every path modelwarden takes follows: no control characters.
///
/// A NUL ends the C string the kernel sees, so `/j\0.sqlite` and its lock file `/j\0.sqlite.lock`
/// would both open `/j`, and the next pass would truncate the journal it thinks is a lock. The
/// other control characters (C0, DEL and C1) have no business in a path either, and would reach
/// terminals and logs raw. Policy values are checked by the schema (exit 65); flags and the
/// environment by ``check(_:setting:)`` (exit 64).
public enum PathSetting {
    /// What is wrong with `path`, or nil when it holds no control character.
    public static func problem(in path: String) -> String? {
        for (offset, scalar) in path.unicodeScalars.enumerated() where scalar.isControlCharacter {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "the path \(escaped(path)) holds the control character \(code) at character \(offset + 1); "
                + "a path must not contain control characters"
        }
        return nil
    }

    /// Throws a usage error naming `setting` (`--db`, `MODELWARDEN_DB`, …) when `path` holds a
    /// control character.
    public static func check(_ path: String, setting: String) throws(SettingError) {
        if let problem = problem(in: path) { throw SettingError(setting: setting, problem: problem) }
    }

    /// `path` with control characters written as `\u{…}` escapes, safe to print, and cut after
    /// 200 characters: a path from a policy file may be megabytes long.
    public static func escaped(_ path: String) -> String {
        var text = "\""
        let scalars = path.unicodeScalars
        for scalar in scalars.prefix(200) {
            if scalar.isControlCharacter {
                text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        let rest = scalars.count - min(scalars.count, 200)
        return text + (rest > 0 ? "… (\(rest) more characters)\"" : "\"")
    }
}

/// A flag or environment variable whose value modelwarden cannot use (exit 64).
public struct SettingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The flag or variable, as the user spells it: `--db`, `MODELWARDEN_DB`.
    public var setting: String
    /// What is wrong with its value.
    public var problem: String

    /// Creates the error.
    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "\(setting): \(problem)" }
}
