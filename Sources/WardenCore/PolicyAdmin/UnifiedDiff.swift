/// A unified diff of two texts (`diff -u` format, three lines of context), for policy revisions.
public enum UnifiedDiff {
    /// The diff of `old` and `new`, or "" when they are equal.
    public static func make(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let before = lines(old), after = lines(new)
        let (removed, inserted) = changes(before, after)
        guard !removed.isEmpty || !inserted.isEmpty else { return "" }
        var edits: [(kind: Character, text: String, oldLine: Int, newLine: Int)] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                edits.append(("-", before[i], i, j)); i += 1
            } else if j < after.count, inserted.contains(j) {
                edits.append(("+", after[j], i, j)); j += 1
            } else {
                edits.append((" ", before[i], i, j)); i += 1; j += 1
            }
        }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < edits.count {
            guard edits[index].kind != " " else { index += 1; continue }
            // A hunk: from `context` lines before this change to `context` lines after the last
            // change that lies within 2 × context of the previous one.
            let start = max(0, index - context)
            var end = index
            var probe = index
            while probe < edits.count {
                if edits[probe].kind != " " { end = probe }
                if probe - end > 2 * context { break }
                probe += 1
            }
            let stop = min(edits.count, end + context + 1)
            let hunk = edits[start..<stop]
            let oldCount = hunk.filter { $0.kind != "+" }.count
            let newCount = hunk.filter { $0.kind != "-" }.count
            // diff -u numbers from 1, and names the line before an empty side.
            let first = edits[start]
            let oldStart = oldCount == 0 ? first.oldLine : first.oldLine + 1
            let newStart = newCount == 0 ? first.newLine : first.newLine + 1
            output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in hunk { output += "\(edit.kind)\(edit.text)\n" }
            index = stop
        }
        return output
    }

    /// The most lines a side of the changed middle may have for a minimal diff: beyond, the
    /// middle is shown as replaced whole.
    static let maxDiffedLines = 2_000

    /// The lines of `before` removed and of `after` inserted. The common head and tail are kept
    /// as they are; the middle between them goes to the standard library's Myers diff, whose
    /// cost grows with the middle's length times the number of changes: quadratic for a new
    /// 40,000-rule policy (issue 12: 30 s for the first pass, which diffs against nothing).
    /// A middle with an empty side, or longer than ``maxDiffedLines``, is removed and inserted
    /// whole: a correct diff, not a minimal one, in linear time.
    static func changes(_ before: [String], _ after: [String]) -> (removed: Set<Int>, inserted: Set<Int>) {
        var head = 0
        while head < before.count, head < after.count, before[head] == after[head] { head += 1 }
        var tail = 0
        while tail < before.count - head, tail < after.count - head, before[before.count - 1 - tail] == after[after.count - 1 - tail] {
            tail += 1
        }
        let old = before[head..<(before.count - tail)], new = after[head..<(after.count - tail)]
        if old.isEmpty || new.isEmpty || max(old.count, new.count) > maxDiffedLines {
            return (Set(old.indices), Set(new.indices))
        }
        var removed = Set<Int>(), inserted = Set<Int>()
        // Offsets count from the start of each slice; the slices start at `head`.
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed.insert(head + offset)
            case .insert(let offset, _, _): inserted.insert(head + offset)
            }
        }
        return (removed, inserted)
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
