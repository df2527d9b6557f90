import ArgumentParser
import WardenCore

/// `--at`, the time `plan` and `why` decide at, declared once for both.
struct ForecastOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Decide as of this time: a date (2027-01-15, midnight UTC), an ISO 8601 date-time, or +DURATION from now (e.g. +31d).",
        valueName: "time"))
    var at: String?

    func validate() throws {
        if let at, PolicyUnits.instant(at, after: .now) == nil {
            throw ValidationError("--at: \"\(at)\" is neither a date (2027-01-15), an ISO 8601 date-time nor +DURATION such as +31d")
        }
    }

    /// `configuration` moved to `--at`, when it is given; `+DURATION` counts from its time.
    func apply(to configuration: inout WardenConfiguration) {
        if let at, let time = PolicyUnits.instant(at, after: configuration.now) { configuration.now = time }
    }
}
