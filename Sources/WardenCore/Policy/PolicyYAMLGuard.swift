import CYaml

/// Refuses YAML whose composing would cost more than its size: before Yams composes a policy,
/// one linear pass over libyaml's events bounds nesting and alias expansion, and finds
/// duplicate keys where they stand.
///
/// Yams shares an aliased node, but hashes each mapping key in full to find duplicates, so a
/// "billion laughs" alias used as a key costs time exponential in its 500 bytes (417 s of CPU
/// in issue 12); and it composes recursively, so 100,000 nested `[` would exhaust the stack.
/// Yams has no public event API, so this reads the events of CYaml, the libyaml Yams itself
/// is built on and links, with a heap stack and no recursion.
enum PolicyYAMLGuard {
    /// How many nodes aliases may stand for in all, counted as if each alias were copied out:
    /// far more than any policy needs (an alias saves retyping a few values), and cheap to
    /// compose; a billion-laughs file reaches it after a few hundred bytes.
    static let maxAliasedNodes = 10_000
    /// How deeply collections may nest: a policy needs 4 (rules, a rule, match, a condition);
    /// 64 leaves room and keeps recursive composing far from the stack's end.
    static let maxDepth = 64

    /// The first problem in `text`, or nil when it is within bounds. Syntax errors are left to
    /// Yams, which reports them with their place.
    static func problem(in text: String, file: String) -> PolicyDiagnostic? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return PolicyDiagnostic(file: file, line: 1, column: 1, message: "cannot parse: out of memory")
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> PolicyDiagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var scan = Scan()
            // A duplicate key is reported only if the text parses to its end: a syntax error
            // takes precedence, as it did when Yams found both. Limits are reported at once.
            var duplicate: PolicyDiagnostic?
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return duplicate }
                let mark = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch scan.read(event, at: mark) {
                case .none: break
                case .duplicate(let message):
                    duplicate = duplicate ?? PolicyDiagnostic(file: file, line: mark.line, column: mark.column, message: message)
                case .limit(let message):
                    return PolicyDiagnostic(file: file, line: mark.line, column: mark.column, message: message)
                }
            }
        }
    }

    /// The state of the pass: the open collections and the size of each anchored node.
    private struct Scan {
        struct Frame {
            var anchor: String?
            var size = 1
            /// A mapping's keys so far, with where each stands; nil for a sequence.
            var keys: [String: (line: Int, column: Int)]?
            var nextIsKey = true
        }

        var frames: [Frame] = []
        var anchors: [String: Int] = [:]
        var aliased = 0

        /// Why a text is refused.
        enum Refusal { case duplicate(String), limit(String) }

        /// Takes one event; returns why the text is refused, if it now is. A duplicate key
        /// does not stop the reading: the frames must stay right for what follows.
        mutating func read(_ event: yaml_event_t, at mark: (line: Int, column: Int)) -> Refusal? {
            var duplicate: String?
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                anchors = [:]
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                duplicate = noteKey(nil, at: mark)
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                frames.append(Frame(anchor: text(anchor), keys: isMapping ? [:] : nil))
                if frames.count > PolicyYAMLGuard.maxDepth {
                    return .limit("collections nest deeper than \(PolicyYAMLGuard.maxDepth) levels (the limit); a policy needs 4")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return nil }
                finish(size: frame.size, anchor: frame.anchor)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                duplicate = noteKey(String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self), at: mark)
                finish(size: 1, anchor: text(scalar.anchor))
            case YAML_ALIAS_EVENT:
                let name = text(event.data.alias.anchor)
                // An alias key is compared by its name: the same alias twice is a duplicate.
                duplicate = noteKey(name.map { "*" + $0 }, at: mark)
                // An undefined alias counts 1: Yams reports it.
                let size = name.flatMap { anchors[$0] } ?? 1
                aliased = capped(aliased + size)
                if aliased > PolicyYAMLGuard.maxAliasedNodes {
                    return .limit("aliases stand for more than \(PolicyYAMLGuard.maxAliasedNodes) nodes (the limit); "
                        + "an alias-expansion (\"billion laughs\") file is refused")
                }
                finish(size: size, anchor: nil)
            default:
                break
            }
            return duplicate.map(Refusal.duplicate)
        }

        /// Records a key of the innermost mapping (`value` nil for one that is not a scalar)
        /// and returns a diagnostic when it repeats one; a value just flips the expectation.
        private mutating func noteKey(_ value: String?, at mark: (line: Int, column: Int)) -> String? {
            guard let last = frames.indices.last, frames[last].keys != nil else { return nil }
            defer { frames[last].nextIsKey.toggle() }
            guard frames[last].nextIsKey, let value else { return nil }
            if let first = frames[last].keys?[value] {
                return "duplicate key \(PolicyExcerpt.quoted(value)) (first at line \(first.line), column \(first.column)); "
                    + "a key may appear once in a mapping"
            }
            frames[last].keys?[value] = mark
            return nil
        }

        /// A node of `size` nodes ended: it counts in its parent, and under its anchor.
        private mutating func finish(size: Int, anchor: String?) {
            if let anchor { anchors[anchor] = size }
            if let last = frames.indices.last { frames[last].size = capped(frames[last].size + size) }
        }

        /// Sizes stop growing just past the limit, so that sums of them cannot overflow.
        private func capped(_ size: Int) -> Int { min(size, PolicyYAMLGuard.maxAliasedNodes + 1) }

        private func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
