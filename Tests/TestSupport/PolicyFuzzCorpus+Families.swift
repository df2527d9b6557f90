/// The families of ``PolicyFuzzCorpus`` that build text from parts rather than from a table.
extension PolicyFuzzCorpus {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Nested aliases, "billion laughs": level n is a list of `fanout` aliases of level n-1.
    public static func laughs(depth: Int, fanout: Int) -> String {
        var text = "a0: &l0 \"lol\"\n"
        for level in 1...depth {
            text += "a\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: fanout).joined(separator: ", ") + "]\n"
        }
        return text
    }

    static func aliasCase(_ index: Int, _ g: inout SplitMix64) -> String {
        let depth = 6 + g.below(30), fanout = 2 + g.below(9)
        switch index % 6 {
        case 0: return "version: 1\n" + laughs(depth: depth, fanout: fanout)
        case 1: return "version: 1\nx:\n  " + laughs(depth: depth, fanout: fanout).replacingOccurrences(of: "\n", with: "\n  ") + "\n? *l\(depth)\n: x\n"
        case 2: return laughs(depth: depth, fanout: fanout) + "y: {*l\(depth): 1}\nversion: 1\n"
        case 3: return "version: 1\nmemory:\n  sustain: &s \(1 + g.below(60))s\n  cooldown: *s\n"
        case 4: return "version: 1\nmemory:\n  sustain: *nope\n"
        default: return "version: 1\nretention:\n  rules: &r [*r]\n"
        }
    }

    static func encodingCase(_ index: Int, _ g: inout SplitMix64) -> [UInt8] {
        let text = valid
        switch index % 8 {
        case 0: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case 1: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case 2: return [0xEF, 0xBB, 0xBF] + bytes(text)
        case 3: return insert([0], into: bytes(text), &g)
        case 4: return bytes(text.replacingOccurrences(of: "\n", with: "\r\n"))
        case 5: return bytes("version: 1\nmemory:\n\tsustain: 1s\n")
        case 6: return insert(g.pick([[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]]), into: bytes(text), &g)
        default: return bytes("version: 1\n" + g.pick(["\u{1B}]0;pwned\u{7}: 1\n", "memory:\r  sustain: 1s\n", "dry_run: \"\u{9B}31m\"\n", "k\u{0}: 1\n"]))
        }
    }

    static func nestingCase(_ index: Int, _ g: inout SplitMix64) -> String {
        let depth = 1_000 + g.below(10_000)
        switch index % 4 {
        case 0: return "version: 1\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: g.below(2) * depth) + "\n"
        case 1: return "version: 1\nx: " + String(repeating: "{a: ", count: depth / 2) + "1" + String(repeating: "}", count: depth / 2) + "\n"
        case 2: return "version: 1\nx:\n" + (1...100).map { String(repeating: "  ", count: $0) + "a:\n" }.joined() + String(repeating: "  ", count: 101) + "b: 1\n"
        default: return "version: 1\nx: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "\n"
        }
    }

    static func longCase(_ index: Int, _ g: inout SplitMix64) -> String {
        let length = 100_000 + g.below(900_000)
        switch index % 4 {
        case 0: return "version: 1\n" + String(repeating: "k", count: length) + ": 1\n"
        case 1: return "version: 1\nretention:\n  rules:\n    - name: " + String(repeating: "n", count: length) + "\n      keep: maybe\n"
        case 2 where index < 8: return "version: 1\n#" + String(repeating: "x", count: 4 << 20) + "\n"
        case 2: return "version: 1\n#" + String(repeating: "x", count: 2 << 20) + "\n"
        default: return "version: 1\n" + (0..<10_000).map { "unknown\($0): \($0)\n" }.joined()
        }
    }

    /// `text` with 1 to 5 of `tokens` inserted at random places.
    static func mutate(_ text: String, with tokens: [String], _ g: inout SplitMix64) -> [UInt8] {
        var result = bytes(text)
        for _ in 0...g.below(5) { result = insert(bytes(g.pick(tokens)), into: result, &g) }
        return result
    }

    /// `original` with 1 to 8 bytes flipped, inserted or removed.
    static func mutateBytes(_ original: [UInt8], _ g: inout SplitMix64) -> [UInt8] {
        var result = original
        for _ in 0...g.below(8) where !result.isEmpty {
            let at = g.below(result.count)
            switch g.below(3) {
            case 0: result[at] ^= UInt8(1 << g.below(8))
            case 1: result.insert(UInt8(g.below(256)), at: at)
            default: result.remove(at: at)
            }
        }
        return result
    }

    static func insert(_ piece: [UInt8], into bytes: [UInt8], _ g: inout SplitMix64) -> [UInt8] {
        let at = g.below(bytes.count + 1)
        return Array(bytes[..<at]) + piece + Array(bytes[at...])
    }
}
