import ArgumentParser
import WardenCore

#if canImport(Glibc)
import Glibc
#endif

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

extension GlobalOptions {
    /// The policy directories these options name.
    var policyDirectories: PolicyDirectories {
        PolicyDirectories(paths: PolicyLoader.directories(flags: policyDirectoryFlags, environment: ProcessEnvironment.current, uid: getuid()))
    }

    /// The journal's policy history. The database is found as for a pass, except that an
    /// invalid policy (which `edit` may be about to fix) cannot move it.
    func policyHistory() throws -> PolicyHistory {
        let environment = ProcessEnvironment.current
        let fromPolicy = (try? policyDirectories.load())?.policy.journal.database
        let path = [database, environment[JournalLocation.variable], fromPolicy].compactMap { $0 }.first { !$0.isEmpty }
        let location = JournalLocation.resolve(flag: path, environment: environment, uid: getuid())
        return PolicyHistory(journal: try JournalDatabase.open(at: location))
    }

    /// A changer acting as this process's user.
    func policyChanger() throws -> PolicyChanger {
        PolicyChanger(
            directories: policyDirectories, history: try policyHistory(),
            actor: PolicyActor.current(environment: ProcessEnvironment.current))
    }
}
