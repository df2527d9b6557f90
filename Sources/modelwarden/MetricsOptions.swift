import ArgumentParser
import Logging
import WardenCore

/// `--metrics-file`, declared once for `run` and `watch`.
struct MetricsOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write Prometheus metrics to this textfile for node_exporter (absolute, *.prom), whatever metrics.textfile says.",
        valueName: "path"))
    var metricsFile: String?

    func validate() throws {
        if let metricsFile, let problem = MetricsTextfile.problem(with: metricsFile, setBy: "--metrics-file") {
            throw ValidationError(problem)
        }
    }

    /// `configuration` with the flag's textfile, when it is given.
    func apply(to configuration: inout WardenConfiguration) {
        if let metricsFile { configuration.metricsFileOverride = metricsFile }
    }
}
