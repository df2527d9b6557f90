#if canImport(Glibc)
import Glibc
#endif

/// Who makes a change: the real uid and a name for people.
public struct PolicyActor: Hashable, Sendable {
    /// The real uid.
    public var uid: UInt32
    /// The user name, `alice via sudo` when root runs through sudo, or `uid N` without one.
    public var name: String

    /// Creates an actor.
    public init(uid: UInt32, name: String) {
        self.uid = uid
        self.name = name
    }

    /// This process's user.
    public static func current(environment: [String: String]) -> PolicyActor {
        let uid = getuid()
        var name = getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(uid)"
        if uid == 0, let sudo = environment["SUDO_USER"], !sudo.isEmpty, sudo != "root" { name = "\(sudo) via sudo" }
        return PolicyActor(uid: uid, name: name)
    }
}
