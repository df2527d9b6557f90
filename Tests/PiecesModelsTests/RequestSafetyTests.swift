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
        (String(repeating: "x", count: 1024), String(repeating: "x", count: 1024)),
    ])
    func encodesAnIdAsExactlyOneSegment(id: String, segment: String) throws {
        let encoded = try ModelPathSegment.encode(id)
        #expect(encoded == segment)
        #expect(!encoded.contains("/") && !encoded.contains("?") && !encoded.contains("#"))
        #expect(ModelPathSegment.decode(encoded[...]) == id)
    }

    @Test(arguments: [
        ("", "it is empty"), (".", "\".\" would change the request path"), ("..", "\"..\" would change the request path"),
        (String(repeating: "x", count: 1025), "it is longer than 1024 bytes"),
        ("\n", "it contains a control character"), ("a\u{1B}[2Jb", "it contains a control character"),
        ("a\u{0}b", "it contains a control character"), ("a\u{7F}", "it contains a control character"),
        ("a\u{9B}b", "it contains a control character"),
    ])
    func refusesIdsThatCannotBeOneSegment(id: String, problem: String) {
        #expect(ModelPathSegment.problem(with: id) == problem)
        #expect {
            try ModelPathSegment.encode(id)
        } throws: { error in
            guard case .invalidModelID(let shown, problem) = error as? PiecesClientError else { return false }
            return !shown.containsControlCharacter
        }
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

    @Test(arguments: [
        "ftp://127.0.0.1", "127.0.0.1:39300", "http://", "not a url", "http://127.0.0.1:1/?x=1", "http://u:p@127.0.0.1/",
        "http://127.0.0.1:65536", "http://127.0.0.1:99999999", "http://127.0.0.1:0", "http://[::1]:70000",
        "http://127.0.0.1:184467440737095516160",
    ])
    func refusesMalformedURLs(text: String) {
        #expect {
            try PiecesEndpoint(text)
        } throws: { error in
            guard case .invalidURL = error as? PiecesClientError else { return false }
            return true
        }
    }
}
