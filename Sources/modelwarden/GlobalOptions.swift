import ArgumentParser
import Logging
import PiecesModels
import WardenCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Options the commands that talk to Pieces OS share.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("pieces-url"),
        help: ArgumentHelp(
            "The Pieces OS base URL, e.g. http://127.0.0.1:39300 (default: $MODELWARDEN_PIECES_URL, else discover).",
            valueName: "url"))
    var piecesURL: String?

    @OptionGroup var storage: StorageOptions

    @Option(help: ArgumentHelp("The meminfo file to read.", valueName: "path"))
    var meminfo = "/proc/meminfo"

    @Option(help: ArgumentHelp("The memory PSI file to read; a missing file means no PSI.", valueName: "path"))
    var psi = "/proc/pressure/memory"

    @Option(
        name: .customLong("proc-root"),
        help: ArgumentHelp(
            "The procfs in which to find Pieces OS's own process (the one serving its port) and read its memory; tests give a fake tree.",
            valueName: "dir"))
    var procRoot = "/proc"

    @Option(help: .hidden)
    var now: String?

    mutating func validate() throws {
        if let now, RFC3339.parse(now) == nil {
            throw ValidationError("--now: \"\(now)\" is not an ISO 8601 date-time such as 2026-11-29T01:00:00Z")
        }
    }

    /// The time `--now` fixes, in tests and forecasts.
    var fixedNow: Date? { now.flatMap(RFC3339.parse) }

    /// The real outside world: discovery and HTTP, journald, the system clock (`--now`, when
    /// given, fixes it for one-shot commands), and a logger labelled `label`.
    func world(logging label: String, clock: (@Sendable () -> Date)? = nil) -> OutsideWorld {
        let fixed = fixedNow
        return OutsideWorld(
            pieces: HTTPConnector(discovery: PiecesDiscovery(httpClient: .loopback), http: .loopback), events: SystemdJournal(),
            clock: clock ?? { fixed ?? Date() }, logger: Logger(label: label))
    }

    /// Loads the policy of `--policy-dir` (or its defaults) afresh.
    func loadPolicy() throws -> LoadedPolicy {
        try storage.policyDirectories.load()
    }

    /// Loads the policy and resolves these options, the environment and the policy into one
    /// configuration. An invalid policy throws (exit 65), an insecure one too (exit 77).
    func configuration() throws -> WardenConfiguration {
        let environment = ProcessEnvironment.current
        let policy = try loadPolicy()
        return try WardenConfiguration.resolve(
            piecesURLFlag: piecesURL, databaseFlag: storage.database, memoryProbe: MemoryProbe(meminfoPath: meminfo, psiPath: psi),
            procRoot: procRoot, now: fixedNow ?? Date(), environment: environment, uid: getuid(), policy: policy)
    }
}

/// The process environment as a dictionary.
enum ProcessEnvironment {
    /// Read once, at first use: modelwarden never changes its environment. A name is what comes
    /// before an entry's first `=`; of two entries with one name, the first counts, as for getenv.
    static let current: [String: String] = {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let bytes = UnsafeRawBufferPointer(start: entry, count: strlen(entry))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(decoding: bytes[..<equals], as: UTF8.self)
                if result[name] == nil { result[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self) }
            }
            cursor += 1
        }
        return result
    }()
}

/// Runs `body`; a failure is printed as `modelwarden: message` and exits with its status.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw exitCode(for: error)
    }
}

/// Runs `body`; a failure is printed as `modelwarden: message` and exits with its status.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw exitCode(for: error)
    }
}

private func exitCode(for error: any Error) -> any Error {
    if error is ExitCode { return error }
    let failure = CommandFailure(error)
    StandardStreams.error("modelwarden: \(failure.message)\n")
    return ExitCode(failure.status.rawValue)
}
