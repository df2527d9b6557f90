import Logging
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Loads the simulator's starting models and keeps the state and meminfo files current.
enum CatalogStore {
    /// The starting models: the state file if it exists, else the models file, else the built-in catalog.
    static func initialModels(_ configuration: SimulatorConfiguration) throws(SimulatorStartupError) -> [Model] {
        if let state = configuration.stateFile, FileManager.default.fileExists(atPath: state) {
            return try read(state)
        }
        if let file = configuration.modelsFile { return try read(file) }
        return BuiltInCatalog.models
    }

    /// Writes `models` to the state and meminfo files that are configured.
    static func persist(_ models: Models, _ configuration: SimulatorConfiguration, logger: Logger) {
        if let state = configuration.stateFile {
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(models).write(to: URL(fileURLWithPath: state), options: .atomic)
            } catch {
                logger.error("cannot write the state file", metadata: ["path": "\(state)", "error": "\(error)"])
            }
        }
        if let meminfo = configuration.meminfo {
            do {
                try meminfo.write(models)
            } catch {
                logger.error("cannot write the meminfo file", metadata: ["path": "\(meminfo.path)", "error": "\(error)"])
            }
        }
    }

    private static func read(_ path: String) throws(SimulatorStartupError) -> [Model] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableModels(path: path, cause: "\(error)")
        }
        do {
            return try JSONDecoder().decode(Models.self, from: data).iterable
        } catch let error as DecodingError {
            let (location, detail) = DecodingFailure.describe(error)
            throw .unreadableModels(path: path, cause: "not a GET /models body: at \(location): \(detail)")
        } catch {
            throw .unreadableModels(path: path, cause: "\(error)")
        }
    }
}
