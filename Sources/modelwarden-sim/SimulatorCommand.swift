import ArgumentParser
import Logging
import ModelsSimulator
import PiecesModels

#if canImport(Glibc)
import Glibc
#endif

/// `modelwarden-sim`: a stand-in for Pieces OS's Models API, for tests, demos and trying policies.
@main
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modelwarden-sim",
        abstract: "Simulate the Pieces OS Models API on loopback.",
        discussion: """
            Serves GET /models, POST /models/create, /models/{id}/delete, /models/{id}/delete/cache \
            and /models/unload with the semantics of Pieces OS, plus /.well-known/health and \
            /.well-known/version, and GET /model/{id} with POST /model/{id}/load, /unload, /download \
            and /scores/increment to drive scenarios.

            On start it prints "listening on URL" on standard output. Without --models it serves a \
            built-in catalog: five local LLMs (loaded, idle, not downloaded, downloading), two cloud \
            LLMs and three internal models.

            Example:
              modelwarden-sim --port 0 --state /tmp/sim.json --meminfo-out /tmp/meminfo
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = PiecesDiscovery.defaultPorts.lowerBound

    @Option(help: ArgumentHelp("Start from this GET /models body instead of the built-in catalog.", valueName: "file"))
    var models: String?

    @Option(help: ArgumentHelp("Persist the models here after every change; if it exists, start from it.", valueName: "file"))
    var state: String?

    @Option(help: ArgumentHelp("Keep a meminfo file here whose MemAvailable drops by the RAM of each loaded model.", valueName: "file"))
    var meminfoOut: String?

    @Option(help: ArgumentHelp("MemTotal of the meminfo file.", valueName: "size"))
    var memTotal = "16GiB"

    @Option(help: ArgumentHelp("Memory the rest of the system uses, before any model is loaded.", valueName: "size"))
    var memBase = "4GiB"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port)") }
        guard let total = ByteCount(parsing: memTotal) else { throw ValidationError("--mem-total: \"\(memTotal)\" is not a size such as 16GiB") }
        guard let base = ByteCount(parsing: memBase) else { throw ValidationError("--mem-base: \"\(memBase)\" is not a size such as 4GiB") }
        guard base <= total else { throw ValidationError("--mem-base (\(base)) must not exceed --mem-total (\(total))") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let meminfo = meminfoOut.map { path in
            MeminfoFile(path: path, total: ByteCount(parsing: memTotal) ?? ByteCount(0), base: ByteCount(parsing: memBase) ?? ByteCount(0))
        }
        let configuration = SimulatorConfiguration(
            host: host, port: port, modelsFile: models, stateFile: state, meminfo: meminfo)
        let host = self.host
        do {
            let app = try buildApplication(configuration: configuration) { port in
                writeUnbuffered("listening on http://\(host):\(port)\n", to: STDOUT_FILENO)
            }
            try await app.runService()
        } catch {
            let failure = (error as? SimulatorStartupError) ?? describeRunFailure(error, configuration: configuration)
            writeUnbuffered("modelwarden-sim: \(failure)\n", to: STDERR_FILENO)
            throw ExitCode(1)
        }
    }
}

/// Writes at once, so a parent reading a pipe sees the line without waiting for a buffer.
private func writeUnbuffered(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in _ = write(descriptor, bytes.baseAddress, bytes.count) }
}
