/// `policy check`: validation without acting, as `visudo -c` does.
public enum PolicyCheck {
    /// The verdict on one file, or on the whole set of directories.
    public struct Verdict: Sendable {
        /// The file, or the directories joined with ", ".
        public var subject: String
        /// The policy it gives, or why it is refused.
        public var result: Result<LoadedPolicy, PolicyError>
    }

    /// Checks each of `files` on its own over the built-in default; with no files, the
    /// effective policy of `directories`.
    public static func check(files: [String], directories: PolicyDirectories) -> [Verdict] {
        guard !files.isEmpty else {
            return [Verdict(subject: directories.paths.joined(separator: ", "), result: Result { () throws(PolicyError) in try directories.load() })]
        }
        return files.map { file in
            Verdict(subject: file, result: Result { () throws(PolicyError) in
                // The loader's checks, and the file's directory too: a check passes only where
                // a pass would read the file (see PolicySecurity for sticky directories).
                let uid = directories.uid
                let problems = [
                    PolicySecurity.problem(inDirectoryOf: file, uid: uid, listed: directories.paths),
                    PolicySecurity.problem(at: file, uid: uid),
                ].compactMap(\.self)
                if !problems.isEmpty { throw .insecure(problems) }
                return try PolicyLoader.load(files: [file], uid: uid)
            })
        }
    }

    /// How a set of verdicts fails: insecure if any is, else invalid if any is, else not at all.
    public static func failure(of verdicts: [Verdict]) -> FailureCategory? {
        let errors = verdicts.compactMap { verdict -> PolicyError? in
            if case .failure(let error) = verdict.result { return error }
            return nil
        }
        if errors.contains(where: { $0.category == .insecurePolicy }) { return .insecurePolicy }
        return errors.isEmpty ? nil : .invalidPolicy
    }
}
