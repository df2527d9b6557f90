import ArgumentParser
import WardenCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Where the policy and the journal are: what every command, `policy` included, needs.
struct StorageOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The journal database (default: $MODELWARDEN_DB, else /var/lib/modelwarden/journal.sqlite as root, $XDG_STATE_HOME/modelwarden/journal.sqlite otherwise).",
            valueName: "path"))
    var database: String?

    @Option(
        name: .customLong("policy-dir"),
        help: ArgumentHelp(
            "A policy directory; repeat for more (default: $MODELWARDEN_POLICY_DIR, else /etc/modelwarden/policies.d and, for a non-root user, $XDG_CONFIG_HOME/modelwarden/policies.d).",
            valueName: "dir"))
    var policyDirectoryFlags: [String] = []

    /// The policy directories these options name; a control character in one is a usage error.
    var policyDirectories: PolicyDirectories {
        get throws {
            PolicyDirectories(
                paths: try PolicyLoader.directories(flags: policyDirectoryFlags, environment: ProcessEnvironment.current, uid: getuid()))
        }
    }

    /// The journal's policy history. The database is found as for a pass, except that an
    /// invalid policy (which `edit` may be about to fix) cannot move it.
    func policyHistory() throws -> PolicyHistory {
        let directories = try policyDirectories
        let location = try JournalLocation.resolve(
            flag: database, policy: (try? directories.load())?.policy.journal.database,
            environment: ProcessEnvironment.current, uid: getuid())
        return PolicyHistory(journal: try JournalDatabase.open(at: location), events: SystemdJournal())
    }

    /// A changer acting as this process's user.
    func policyChanger() throws -> PolicyChanger {
        PolicyChanger(
            directories: try policyDirectories, history: try policyHistory(),
            actor: PolicyActor.current(environment: ProcessEnvironment.current), clock: { Date() })
    }
}
