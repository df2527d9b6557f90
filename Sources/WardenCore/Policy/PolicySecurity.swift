#if canImport(Glibc)
import Glibc
#endif

/// Refuses policy files and directories that someone other than root or the user could change.
public enum PolicySecurity {
    /// What is wrong with `path`'s ownership or mode, and how to fix it; nil when it is safe.
    public static func problem(at path: String, uid: UInt32) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        if status.st_mode & 0o022 != 0 {
            let mode = String(status.st_mode & 0o7777, radix: 8)
            return "\(path) is writable by group or others (mode \(mode)); fix: chmod go-w \(path)"
        }
        if status.st_uid != 0, status.st_uid != uid {
            return "\(path) is owned by uid \(status.st_uid), neither root nor you; fix: chown root \(path)"
        }
        return nil
    }

    /// What is wrong with the directory holding `file`, a file given on its own (`policy check
    /// FILE`): the rule of ``problem(at:uid:)``, except that a sticky directory owned by root
    /// or you (`/tmp`, where Ansible's `validate` writes its temporary copy) is safe for the
    /// file, since no one else can rename, replace or remove a file there they do not own.
    /// A directory in `listed` (the policy directories) gets no such exception: the loader
    /// reads every `*.yaml` in it, and anyone could add one to a sticky directory.
    public static func problem(inDirectoryOf file: String, uid: UInt32, listed: [String]) -> String? {
        let directory = file.lastIndex(of: "/").map { $0 == file.startIndex ? "/" : String(file[..<$0]) } ?? "."
        var status = stat()
        guard stat(directory, &status) == 0 else { return nil }
        let isListed = listed.contains { path in
            var other = stat()
            return stat(path, &other) == 0 && other.st_dev == status.st_dev && other.st_ino == status.st_ino
        }
        if !isListed, status.st_mode & S_ISVTX != 0, status.st_uid == 0 || status.st_uid == uid { return nil }
        return problem(at: directory, uid: uid)
    }
}
