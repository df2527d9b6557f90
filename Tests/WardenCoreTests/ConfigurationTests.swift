import Foundation
import PiecesModels
import Testing
import WardenCore

@Suite("Configuration and exit statuses")
struct ConfigurationTests {
    @Test(arguments: [
        (nil, nil, nil),
        ("http://127.0.0.1:1", nil, "http://127.0.0.1:1"),
        (nil, "http://127.0.0.1:2", "http://127.0.0.1:2"),
        ("http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:1"),
        ("", "http://127.0.0.1:2", "http://127.0.0.1:2"),
        (nil, "", nil),
    ] as [(String?, String?, String?)])
    func theFlagWinsOverTheEnvironment(flag: String?, environment: String?, expected: String?) throws {
        let variables = environment.map { [WardenConfiguration.piecesURLVariable: $0] } ?? [:]
        let configuration = try WardenConfiguration.resolve(
            piecesURLFlag: flag, databaseFlag: nil, memoryProbe: MemoryProbe(), now: .distantPast, environment: variables, uid: 1000,
            policy: try PolicyLoader.load(texts: []))
        #expect(configuration.pieces.url == expected)
    }

    @Test(arguments: [
        (PiecesClientError.unreachable([.init(url: "http://127.0.0.1:1", cause: "connection refused")]), FailureCategory.piecesUnavailable),
        (.http(method: "GET", path: "/models", status: 500, bodyExcerpt: ""), .piecesUnavailable),
        (.undecodable(method: "GET", path: "/models", expected: "Models", location: "iterable", detail: "x"), .piecesUnavailable),
        (.invalidURL("x", reason: "not a URL"), .usage),
        (.remoteNotAllowed("http://10.0.0.1"), .usage),
    ])
    func categorizesClientErrors(error: PiecesClientError, category: FailureCategory) {
        #expect(FailureCategory.of(error) == category)
    }

    @Test func alignsTableColumns() {
        var table = TextTable([("NAME", .left), ("SIZE", .right)])
        table.append(["a", "1 B"])
        table.append(["longer name", "10.00 GiB"])
        table.append(["short"])
        #expect(table.render() == "NAME              SIZE\na                  1 B\nlonger name  10.00 GiB\nshort\n")
    }
}
