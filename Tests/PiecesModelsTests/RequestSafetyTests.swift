import PiecesModels
import Testing

@Suite("Model ids in paths, and which URLs are allowed")
struct RequestSafetyTests {
    @Test(arguments: [
        ("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01", "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"),
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("a b", "a%20b"),
        ("%2e%2e", "%252e%252e"),
        ("...", "..."),
        ("a~b_c.d-e", "a~b_c.d-e"),
        ("ü", "%C3%BC"),
        ("a;b=c&d+e", "a%3Bb%3Dc%26d%2Be"),
        ("\n", "%0A"),
    ])
    func encodesAnIdAsExactlyOneSegment(id: String, segment: String) throws {
        let encoded = try ModelPathSegment.encode(id)
        #expect(encoded == segment)
        #expect(!encoded.contains("/") && !encoded.contains("?") && !encoded.contains("#"))
        #expect(ModelPathSegment.decode(encoded[...]) == id)
    }

    @Test(arguments: ["", ".", "..", String(repeating: "x", count: 513)])
    func refusesIdsThatWouldChangeTheRoute(id: String) {
        #expect(throws: PiecesClientError.self) { try ModelPathSegment.encode(id) }
    }

    @Test(arguments: ["%", "%2", "%zz", "%C3"])
    func refusesMalformedPercentEncoding(segment: String) {
        #expect(ModelPathSegment.decode(segment[...]) == nil)
    }

    @Test(arguments: [
        ("localhost", true), ("LOCALHOST", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true),
        ("10.0.0.1", false), ("192.168.1.2", false), ("128.0.0.1", false), ("127.0.0.1.evil.com", false),
        ("localhost.evil.com", false), ("127.0.0.256", false), ("example.com", false), ("0.0.0.0", false),
    ])
    func knowsLoopback(host: String, loopback: Bool) {
        #expect(PiecesEndpoint.isLoopback(host: host) == loopback)
    }

    @Test(arguments: [
        ("http://127.0.0.1:39300", "http://127.0.0.1:39300"),
        ("http://localhost:1000/", "http://localhost:1000"),
        ("http://[::1]:39301", "http://[::1]:39301"),
    ])
    func acceptsLoopbackURLs(text: String, base: String) throws {
        #expect(try PiecesEndpoint(text).baseURL == base)
    }

    @Test func refusesRemoteURLsUnlessAllowed() throws {
        #expect(throws: PiecesClientError.remoteNotAllowed("http://10.1.2.3:39300")) {
            try PiecesEndpoint("http://10.1.2.3:39300")
        }
        #expect(try PiecesEndpoint("http://10.1.2.3:39300", allowRemote: true).host == "10.1.2.3")
    }

    @Test(arguments: ["ftp://127.0.0.1", "127.0.0.1:39300", "http://", "not a url", "http://127.0.0.1:1/?x=1", "http://u:p@127.0.0.1/"])
    func refusesMalformedURLs(text: String) {
        #expect {
            try PiecesEndpoint(text)
        } throws: { error in
            guard case .invalidURL = error as? PiecesClientError else { return false }
            return true
        }
    }
}
