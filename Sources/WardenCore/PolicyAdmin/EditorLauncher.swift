#if canImport(Glibc)
import Glibc
#endif

/// Runs the admin's editor on a file and waits for it, as visudo and `systemctl edit` do:
/// `$VISUAL`, else `$EDITOR`, else Debian's `editor` alternative, else `vi`. The value may
/// carry arguments (`code --wait`), so it runs through `/bin/sh`.
public struct EditorLauncher: Sendable {
    /// Why the editor did not finish well.
    public struct Failure: Error, CustomStringConvertible {
        /// What happened.
        public var description: String
    }

    /// The editor command line.
    public let command: String

    /// Chooses the editor from `environment`.
    public init(environment: [String: String]) {
        let chosen = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
        command = chosen ?? (access("/usr/bin/editor", X_OK) == 0 ? "editor" : "vi")
    }

    /// Runs the editor on `path` and waits; throws when it cannot start or exits non-zero.
    public func edit(_ path: String) throws {
        let arguments = ["/bin/sh", "-c", command + " \"$1\"", "sh", path]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start the editor \"\(command)\": \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "lost the editor \"\(command)\": \(String(cString: strerror(errno)))") }
        }
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            throw Failure(description: "the editor \"\(command)\" " + (exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)"))
        }
    }
}
