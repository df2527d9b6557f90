import WardenCore

extension PolicyRevision {
    /// `FILE: saved as revision N (sha256:…)`, the line every command that writes a policy file
    /// prints; `file` when the command names the file otherwise.
    func savedLine(file: String? = nil) -> String {
        "\(file ?? self.file): saved as revision \(id ?? 0) (\(policyDigest))\n"
    }
}
