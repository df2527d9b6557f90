import Foundation
import PiecesModels

/// Reads the JSON fixtures shipped with this test target.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: data(name))
    }

    /// The keys of a JSON object, recursively, as `a.b.c` paths.
    static func keyPaths(of data: Data) throws -> Set<String> {
        var paths = Set<String>()
        func walk(_ value: Any, _ prefix: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                    paths.insert(path)
                    walk(child, path)
                }
            } else if let array = value as? [Any] {
                for child in array { walk(child, prefix + "[]") }
            }
        }
        walk(try JSONSerialization.jsonObject(with: data), "")
        return paths
    }
}
