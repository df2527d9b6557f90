import Foundation

/// Deterministic malformed `GET /models` bodies, built from a real one: truncations, type
/// swaps of every field, odd structure, odd numbers and odd text. No randomness, so a failing
/// case is the same case on every run.
enum MalformedModelsBodies {
    /// The fields of a model whose type is swapped, and what they are swapped for.
    static let fields = [
        "id", "name", "version", "cloud", "created", "type", "usage", "bytes", "ram", "downloaded", "loaded",
        "downloading", "score", "foundation", "provider", "unique", "custom", "capabilities", "maxTokens", "parameters",
    ]
    static let swaps = ["null", "1", "\"x\"", "[]", "{}"]

    /// At least 100 cases, each a name and a body, from `real`, a valid body.
    static func cases(from real: String) -> [(name: String, body: String)] {
        var cases: [(String, String)] = []
        let bytes = Array(real.utf8)
        for step in 1...20 {
            let cut = bytes.count * step / 21
            cases.append(("truncated at \(cut)", String(decoding: bytes.prefix(cut), as: UTF8.self)))
        }
        for (index, field) in fields.enumerated() {
            // Three of the five swaps for each field, rotating, so that every swap is used.
            for offset in 0..<3 {
                let swap = swaps[(index + offset) % swaps.count]
                cases.append(("\(field) = \(swap)", replacingFirst(field, in: real, with: swap)))
            }
        }
        let structure = [
            ("empty", ""), ("null", "null"), ("a list", "[]"), ("no iterable", "{}"), ("a string", "\"models\""),
            ("html", "<html><body>502 Bad Gateway</body></html>"), ("iterable null", #"{"iterable": null}"#),
            ("iterable an object", #"{"iterable": {}}"#), ("iterable of numbers", #"{"iterable": [1, 2]}"#),
            ("iterable of nulls", #"{"iterable": [null]}"#), ("iterable of empty objects", #"{"iterable": [{}]}"#),
            ("deep nesting", String(repeating: "[", count: 100_000)),
            ("deep objects", String(repeating: #"{"a":"#, count: 50_000)),
            ("two documents", real + real), ("a byte-order mark", "\u{FEFF}" + real),
            ("trailing garbage", real + "garbage"), ("iterable twice", #"{"iterable": [], "iterable": [1]}"#),
            ("a lone surrogate in a name", replacingFirst("name", in: real, with: #""\uDC00""#)),
            ("a NUL in a name", replacingFirst("name", in: real, with: #""a\u0000b""#)),
            ("escapes in a name", replacingFirst("name", in: real, with: #""\u001b]0;pwned\u0007""#)),
            ("a 4 MB name", replacingFirst("name", in: real, with: "\"" + String(repeating: "n", count: 4_000_000) + "\"")),
            ("bytes 1e400", replacingFirst("bytes", in: real, with: #"{"value": 1e400, "readable": "?"}"#)),
            ("bytes -1", replacingFirst("bytes", in: real, with: #"{"value": -1, "readable": "?"}"#)),
            ("bytes 2^64", replacingFirst("bytes", in: real, with: #"{"value": 18446744073709551616, "readable": "?"}"#)),
            ("bytes 1.5", replacingFirst("bytes", in: real, with: #"{"value": 1.5, "readable": "?"}"#)),
            ("score huge", replacingFirst("score", in: real, with: #"{"manual": 1e300, "automatic": 0}"#)),
            ("created not a date", replacingFirst("created", in: real, with: #"{"value": "yesterday"}"#)),
            ("created year 99999", replacingFirst("created", in: real, with: #"{"value": "99999-01-01T00:00:00Z"}"#)),
            ("an unknown enum", replacingFirst("type", in: real, with: #""QUANTUM""#)),
            ("an empty id", replacingFirst("id", in: real, with: #""""#)),
        ]
        return cases + structure
    }

    /// `text` with the value of the first `"key":` replaced by `value` (the value must be a
    /// scalar, an object or a list with balanced brackets outside strings).
    static func replacingFirst(_ key: String, in text: String, with value: String) -> String {
        let chars = Array(text.unicodeScalars)
        let needle = Array("\"\(key)\":".unicodeScalars)
        guard let start = (0...(chars.count - needle.count)).first(where: { Array(chars[$0..<($0 + needle.count)]) == needle })
        else { return text }
        var index = start + needle.count
        while index < chars.count, chars[index] == " " { index += 1 }
        let valueStart = index
        var depth = 0
        var inString = false
        while index < chars.count {
            let char = chars[index]
            if inString {
                if char == "\\" { index += 1 } else if char == "\"" { inString = false; if depth == 0 { index += 1; break } }
            } else if char == "\"" {
                inString = true
            } else if char == "{" || char == "[" {
                depth += 1
            } else if char == "}" || char == "]" {
                if depth == 0 { break }
                depth -= 1
                if depth == 0 { index += 1; break }
            } else if char == ",", depth == 0 {
                break
            }
            index += 1
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: chars[..<valueStart])
        result.append(contentsOf: value.unicodeScalars)
        result.append(contentsOf: chars[index...])
        return String(result)
    }
}
