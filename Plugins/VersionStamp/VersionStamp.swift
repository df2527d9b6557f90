import Foundation
import PackagePlugin

/// Declares the version once: the `VERSION` file at the package root becomes
/// `WardenVersion.current` in WardenCore (`modelwarden --version`), and `make deb` reads the
/// same file for the package's version.
@main
struct VersionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let version = context.package.directoryURL.appendingPathComponent("VERSION")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("WardenVersion.swift")
        let script = """
            v=$(head -n 1 "$1" | tr -cd '0-9A-Za-z.+~-')
            printf '/// The version of modelwarden, from the VERSION file.\\npublic enum WardenVersion {\\n    /// As `modelwarden --version` prints it.\\n    public static let current = "%s"\\n}\\n' "$v" > "$2"
            """
        return [
            .buildCommand(
                displayName: "Stamping the version from VERSION", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", version.path, output.path], inputFiles: [version], outputFiles: [output])
        ]
    }
}
