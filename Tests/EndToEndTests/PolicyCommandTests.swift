import Foundation
import TestSupport
import Testing

/// `modelwarden policy …` as an admin runs it: the built binary, real files, a real editor process.
@Suite("modelwarden policy end to end")
struct PolicyCommandTests {
    let directory: TemporaryDirectory
    let policies: String
    let environment: [String: String]

    init() throws {
        directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o755)
        policies = directory.path("policies.d")
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try "# site defaults\nversion: 1\nmemory:\n  sustain: 30s  # slow disks\n".write(
            toFile: "\(policies)/50-site.yaml", atomically: true, encoding: .utf8)
        environment = ["MODELWARDEN_POLICY_DIR": policies, "MODELWARDEN_DB": directory.path("journal.sqlite")]
    }

    func modelwarden(_ arguments: String..., editor: String? = nil, prefix: [String] = []) throws -> Binaries.Result {
        var environment = self.environment
        if let editor { environment["EDITOR"] = editor }
        return try Binaries.run("modelwarden", arguments, environment: environment, prefix: prefix)
    }

    /// An editor: a shell script that runs `body` with the file to edit in $1.
    func editor(_ name: String, _ body: String) throws -> String {
        let path = directory.path(name)
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    func text(_ name: String) throws -> String { try String(contentsOfFile: "\(policies)/\(name)", encoding: .utf8) }

    @Test func checkExits0For65AndFor77() throws {
        #expect(try modelwarden("policy", "check").status == 0)
        let bad = directory.path("bad.yaml")
        try "version: 1\nmemory:\n  sustian: 30s\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let invalid = try modelwarden("policy", "check", bad)
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("\(bad):3:3: unknown key \"sustian\" in memory; did you mean \"sustain\"?"))
        try "version: 1\nmemory: [\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(try modelwarden("policy", "check", bad).stderr.contains("\(bad):3:1: invalid YAML"))
        #expect(try modelwarden("policy", "check", directory.path("missing.yaml")).stderr.contains("missing.yaml:1:1: no such file"))
        chmod("\(policies)/50-site.yaml", 0o666)
        let insecure = try modelwarden("policy", "check")
        #expect(insecure.status == 77)
        #expect(insecure.stderr.contains("chmod go-w"))
    }

    @Test func showPrintsOriginsAndJSON() throws {
        let shown = try modelwarden("policy", "show", "--origin")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("sustain: 30s") && shown.stdout.contains("# \(policies)/50-site.yaml:4:12"))
        let json = try JSONSerialization.jsonObject(with: Data(try modelwarden("policy", "show", "--json").stdout.utf8)) as? [String: Any]
        #expect((json?["memory"] as? [String: Any])?["sustain"] as? String == "30s")
    }

    @Test func setValidatesWritesAtomicallyAndRecordsARevision() throws {
        let unknown = try modelwarden("policy", "set", "memory.sustian=4s")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean \"memory.sustain\"?"))
        let invalid = try modelwarden("policy", "set", "memory.sustain=banana")
        #expect(invalid.status == 65)
        #expect(!FileManager.default.fileExists(atPath: "\(policies)/90-local.yaml"))
        #expect(try modelwarden("policy", "set", "memory.unload_below=15%", "dry_run=true").status == 0)
        #expect(try text("90-local.yaml").contains("unload_below: 15%"))
        let history = try modelwarden("policy", "history", "--json")
        let revisions = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
        #expect(revisions?.count == 1)
        #expect(revisions?.first?["source"] as? String == "set")
        #expect(revisions?.first?["file"] as? String == "\(policies)/90-local.yaml")
        #expect((revisions?.first?["diff"] as? String)?.contains("+  unload_below: 15%") == true)
        #expect(try modelwarden("policy", "diff").stdout.contains("+dry_run: true"))

        // journald has the POLICY_CHANGED entry, with the file and the digest.
        _ = try journalctl(["--sync"])
        let line = try journalctl(["-o", "json", "--no-pager", "MODELWARDEN_POLICY_FILE=\(policies)/90-local.yaml"])
            .split(separator: "\n").first
        let entry = try JSONSerialization.jsonObject(with: Data((line ?? "").utf8)) as? [String: Any]
        #expect(entry?["MESSAGE_ID"] as? String == "17484d78e9a74601a449b3df01b355b1")
        #expect(entry?["MODELWARDEN_POLICY_DIGEST"] as? String == revisions?.first?["policy_digest"] as? String)
    }

    private func journalctl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func zeroIsSetWhereItMeansSomethingAndRefusedWhereItDoesNot() throws {
        #expect(try modelwarden("policy", "set", "memory.cooldown=0s", "memory.sustain=0s", "retention.min_age=0s").status == 0)
        #expect(try modelwarden("policy", "show").stdout.contains("  cooldown: 0s\n"))
        let refused = try modelwarden("policy", "set", "pieces.timeout=0s")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(policies)/90-local.yaml:4:12: pieces.timeout must be greater than 0s"), "\(refused.stderr)")
        #expect(try !text("90-local.yaml").contains("timeout"))
    }

    @Test func setNeverRewritesAHandWrittenFile() throws {
        try "version: 1\ndry_run: true\n".write(toFile: "\(policies)/90-local.yaml", atomically: true, encoding: .utf8)
        let refused = try modelwarden("policy", "set", "dry_run=false")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("policy edit"))
        #expect(try text("90-local.yaml") == "version: 1\ndry_run: true\n")
    }

    @Test func concurrentSetsLoseNothing() async throws {
        let keys = ["memory.sustain=41s", "memory.cooldown=11m", "retention.min_age=9d", "retention.max_deletions_per_run=4",
                    "schedule.memory_every=3s", "schedule.retention_every=2h", "journal.keep=100d", "pieces.timeout=4s"]
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for key in keys { group.addTask { try modelwarden("policy", "set", key).status } }
            return try await group.reduce(into: [Int32]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 0, count: keys.count))
        let managed = try text("90-local.yaml")
        for key in keys {
            let (name, value) = (key.split(separator: "=")[0].split(separator: ".")[1], key.split(separator: "=")[1])
            #expect(managed.contains("\(name): \(value)"), "\(key) was lost")
        }
        let history = try modelwarden("policy", "history").stdout
        #expect(history.split(separator: "\n").count == keys.count + 1)
    }

    @Test func editSavesAValidResultKeepingCommentsAndMode() throws {
        chmod("\(policies)/50-site.yaml", 0o640)
        let sed = try editor("ed.sh", "sed -i 's/30s/40s/' \"$1\"")
        let edited = try modelwarden("policy", "edit", "50-site.yaml", editor: sed)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try text("50-site.yaml") == "# site defaults\nversion: 1\nmemory:\n  sustain: 40s  # slow disks\n")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(policies)/50-site.yaml")[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try modelwarden("policy", "history").stdout.contains("edit"))
    }

    @Test func aNonInteractiveInvalidEditExits65AndWritesNothing() throws {
        let breaking = try editor("bad.sh", "echo 'memory: [' >> \"$1\"")
        let result = try modelwarden("policy", "edit", "50-site.yaml", editor: breaking)
        #expect(result.status == 65)
        #expect(result.stderr.contains("50-site.yaml:6:1: invalid YAML"))
        #expect(try text("50-site.yaml") == "# site defaults\nversion: 1\nmemory:\n  sustain: 30s  # slow disks\n")
    }

    /// Runs `policy edit 50-site.yaml` on a terminal (script(1) gives it a pty) with `answers`
    /// typed at the prompt; the editor breaks the file the first time and fixes it after.
    func editOnATerminal(answering answers: String) throws -> (status: Int32, output: String) {
        let counter = directory.path("count")
        let flaky = try editor("flaky.sh", """
            n=$(cat \(counter) 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(counter)
            if [ $n = 1 ]; then echo 'memory: [' >> "$1"; else sed -i '$d' "$1"; echo 'dry_run: true' >> "$1"; fi
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = "\(Binaries.url("modelwarden").path) policy edit 50-site.yaml"
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = environment.merging(["EDITOR": flaky, "PATH": "/usr/bin:/bin", "TERM": "dumb"]) { $1 }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(answers.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func anInvalidEditOnATerminalOffersToEditAgain() throws {
        let again = try editOnATerminal(answering: "e\n")
        #expect(again.output.contains("What now? (e)dit again, e(x)it without saving"))
        #expect(again.status == 0, "\(again.output)")
        #expect(try text("50-site.yaml").hasSuffix("dry_run: true\n"))
    }

    @Test func anInvalidEditOnATerminalCanBeAbandoned() throws {
        let before = try text("50-site.yaml")
        let abandoned = try editOnATerminal(answering: "x\n")
        #expect(abandoned.output.contains("What now?"))
        #expect(abandoned.status == 65)
        #expect(try text("50-site.yaml") == before)
    }

    @Test func anEditNeverOverwritesAConcurrentChange() throws {
        // The "editor" is slow: while it is open, another admin saves with `policy set`.
        let other = "MODELWARDEN_POLICY_DIR=\(policies) MODELWARDEN_DB=\(directory.path("journal.sqlite")) \(Binaries.url("modelwarden").path)"
        let racing = try editor("race.sh", "\(other) policy set dry_run=true >/dev/null\nprintf 'memory:\\n  cooldown: 2h\\n' >> \"$1\"")
        let result = try modelwarden("policy", "edit", editor: racing)
        #expect(result.status == 75)
        #expect(result.stderr.contains("changed while you were editing"))
        #expect(try text("90-local.yaml").contains("dry_run: true"))
    }

    @Test func aReadOnlyDirectoryIsExit73() throws {
        guard getuid() == 0 else { return }  // as root, every directory is writable; test as nobody
        let journals = directory.path("journals")
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: false)
        chown(journals, 65534, 65534)
        let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let result = try Binaries.run(
            "modelwarden", ["policy", "set", "dry_run=true"],
            environment: ["MODELWARDEN_POLICY_DIR": policies, "MODELWARDEN_DB": "\(journals)/journal.sqlite"], prefix: asNobody)
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot write \(policies)"))
        #expect(result.stderr.contains("--policy-dir"))  // and what to do about it
    }
}
