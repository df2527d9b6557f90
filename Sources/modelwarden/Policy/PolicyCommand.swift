import ArgumentParser

/// `modelwarden policy`: check, show and change the policy safely.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, show and change the retention and memory policy safely.",
        discussion: """
            Modelled on visudo, systemctl edit and systemctl set-property: every change is \
            validated as part of the whole effective policy before anything is written, \
            replaces the file atomically, and is recorded as a revision in the journal (with \
            who, when, digests and a unified diff) and as a POLICY_CHANGED entry in journald.

            set and a bare edit write to the last policy directory, whose files load last: \
            /etc/modelwarden/policies.d as root, $XDG_CONFIG_HOME/modelwarden/policies.d \
            otherwise, or the last --policy-dir.
            """,
        subcommands: [
            PolicyCheckCommand.self, PolicyShowCommand.self, PolicySetCommand.self, PolicyEditCommand.self,
            PolicyHistoryCommand.self, PolicyDiffCommand.self,
        ])
}
