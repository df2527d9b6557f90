import Foundation
import TestSupport
import Testing

/// Issue 12, findings 1, 3 and 4, as an admin meets them: `policy check` on a bomb, an oversized
/// or unreadable file, files in shared directories; and a bomb sent to `watch` by SIGHUP.
@Suite("Policy bounds end to end", .serialized)
struct PolicyBoundsCommandTests {
    /// 2 s of CPU per check, enforced by the kernel (RLIMIT_CPU; SIGXCPU past it) rather than
    /// timed: the process start-up and a loaded two-core machine stretch wall time, not CPU time.
    static let cpuLimit = ["/usr/bin/prlimit", "--cpu=2:3"]

    static let bomb = "version: 1\n" + PolicyFuzzCorpus.laughs(depth: 9, fanout: 10) + "? *l9\n: x\n"

    func check(_ file: String, prefix: [String] = Self.cpuLimit, policyDirectory: String? = nil) throws -> Binaries.Result {
        try Binaries.run("modelwarden", ["policy", "check", file], environment: policyDirectory.map { ["MODELWARDEN_POLICY_DIR": $0] } ?? [:], prefix: prefix)
    }

    /// A directory of `mode` holding `name` with `text` (mode 0600); returns the file's path.
    func file(_ directory: TemporaryDirectory, in subdirectory: String, mode: mode_t, _ text: String) throws -> String {
        chmod(directory.url.path, 0o755)
        let path = directory.path(subdirectory)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        chmod(path, mode)
        let file = path + "/p.yaml"
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o600)
        return file
    }

    @Test(arguments: [
        ("the bomb", "aliases stand for more than 10000 nodes (the limit)"),
        ("4 MiB and a byte", ":1:1: larger than 4 MiB (the limit of a policy file)"),
        ("100 nested [", ":2:67: collections nest deeper than 64 levels"),
        ("10,000 nested [", ":2:5: invalid YAML: Maximum nesting level reached"),
    ])
    func policyCheckRefusesHostileYAMLWith65WithinTheCPULimit(name: String, message: String) throws {
        let text = switch name {
        case "the bomb": Self.bomb
        case "4 MiB and a byte": "version: 1\n#" + String(repeating: "x", count: 4 << 20)
        case "100 nested [": "version: 1\nx: " + String(repeating: "[", count: 100)
        default: "version: 1\nx: " + String(repeating: "[", count: 10_000)
        }
        let directory = try TemporaryDirectory()
        let path = try file(directory, in: "d", mode: 0o755, text)
        let result = try check(path)
        #expect(!result.signaled && result.status == 65, "exit \(result.status): \(result.stderr.prefix(500))")
        #expect(result.stderr.contains(path) && result.stderr.contains(message), "\(result.stderr.prefix(500))")
    }

    @Test func invalidUTF8SaysTheOffsetAndADirectoryIsNotAPolicy() throws {
        let directory = try TemporaryDirectory()
        let path = try file(directory, in: "d", mode: 0o755, "")
        try Data("version: 1\nmemory:\n  sustain: 1\u{FF}s\n".utf8.map { $0 == 0xC3 ? 0xFF : $0 }).write(to: URL(fileURLWithPath: path))
        let bad = try check(path)
        #expect(bad.status == 65 && bad.stderr.contains("\(path):3:13: not UTF-8 text: invalid byte at offset 31"), "\(bad.stderr)")
        let folder = try check(directory.path("d"))
        #expect(folder.status == 65 && folder.stderr.contains("not a regular file"), "\(folder.stderr)")
    }

    /// Permission denied is a permission problem (77), as insecure permissions are, and says
    /// the errno; it used to say "cannot read the file as UTF-8 text" (65).
    @Test(.enabled(if: getuid() == 0, "needs root to run as nobody"))
    func anUnreadableFileExits77SayingPermissionDenied() throws {
        let directory = try TemporaryDirectory()
        let path = try file(directory, in: "d", mode: 0o755, "version: 1\n")
        let result = try check(path, prefix: HostileInputCommandTests.asNobody)
        #expect(result.status == 77, "\(result.stderr)")
        #expect(result.stderr.contains("\(path): cannot open for reading: Permission denied (errno 13)"), "\(result.stderr)")
    }

    /// Ansible's `validate: modelwarden policy check %s` checks a root-owned 0600 copy in /tmp:
    /// a sticky directory protects the file, so it passes. A world-writable directory without
    /// the sticky bit does not (77, as `run` refuses it), nor does a sticky policy directory,
    /// which anyone could add a file to.
    @Test func aFileInAStickyDirectoryPassesAndInAWorldWritableOneExits77() throws {
        let inTmp = "/tmp/modelwarden-check-\(UUID().uuidString).yaml"
        try "version: 1\n".write(toFile: inTmp, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: inTmp) }
        chmod(inTmp, 0o600)
        let ansible = try check(inTmp)
        #expect(ansible.status == 0, "\(ansible.stderr)")

        let directory = try TemporaryDirectory()
        let open = try file(directory, in: "open", mode: 0o777, "version: 1\n")
        let refused = try check(open)
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(directory.path("open")) is writable by group or others (mode 777); fix: chmod go-w"), "\(refused.stderr)")
        let sticky = try file(directory, in: "sticky", mode: 0o1777, "version: 1\n")
        #expect(try check(sticky).status == 0)
        let asPolicyDirectory = try check(sticky, policyDirectory: directory.path("sticky"))
        #expect(asPolicyDirectory.status == 77, "\(asPolicyDirectory.stderr)")
        let pass = try Binaries.run("modelwarden", ["policy", "check"], environment: ["MODELWARDEN_POLICY_DIR": directory.path("sticky")])
        #expect(pass.status == 77, "the loader refuses a sticky policy directory too: \(pass.stderr)")
    }

    /// SIGHUP with a bomb: rejected at once, the old policy kept, and SIGTERM answered promptly
    /// (before the bounds: 417 s of CPU, sampling stopped, SIGTERM unanswered for 20 s).
    @Test(.timeLimit(.minutes(1)))
    func aBombSentToWatchIsRejectedAndAStopStaysPrompt() throws {
        let scene = try WatchCommandTests.Scene()
        #expect(scene.notify.next() == "READY=1")
        try Self.bomb.write(toFile: scene.directory.path("policies.d") + "/50-watch.yaml", atomically: true, encoding: .utf8)
        kill(scene.watcher.processIdentifier, SIGHUP)
        #expect(scene.awaitLog("new policy rejected"))
        #expect(scene.awaitLog("aliases stand for more than 10000 nodes"))
        let started = ContinuousClock.now
        let (status, log) = scene.stop()
        let stopping = ContinuousClock.now - started
        #expect(status == 0, "\(log)")
        // Generous: a stop waits at most stopGrace (4 s) for a step; this proves no 20 s hang.
        #expect(stopping < .seconds(10), "the stop took \(stopping)")
    }
}
