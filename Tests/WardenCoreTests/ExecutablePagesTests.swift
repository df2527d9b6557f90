import Testing

@testable import WardenCore

@Suite("The watcher gives back its program's pages")
struct ExecutablePagesTests {
    static let exe = "/usr/bin/modelwarden"

    @Test(
        "only the read-only mappings of the executable are advised",
        arguments: [
            ("55e66e4d8000-55e66f060000 r--p 00000000 fd:01 123 /usr/bin/modelwarden", [0xb88000]),
            ("55e66f060000-55e670d07000 r-xp 00b87000 fd:01 123    /usr/bin/modelwarden", [0x1ca7000]),
            ("55e670d07000-55e670e3a000 rw-p 0282d000 fd:01 123 /usr/bin/modelwarden", []),
            ("7f0000000000-7f0000001000 r-xp 00000000 fd:01 9 /usr/lib/x86_64-linux-gnu/libc.so.6", []),
            ("7f0000000000-7f0000001000 ---p 00000000 fd:01 123 /usr/bin/modelwarden", []),
            ("7f0000000000-7f0000001000 r--p 00000000 00:00 0 ", []),
            ("7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0 [stack]", []),
            ("7f0000001000-7f0000000000 r--p 00000000 fd:01 123 /usr/bin/modelwarden", []),
            ("zz-7f0000001000 r--p 00000000 fd:01 123 /usr/bin/modelwarden", []),
            ("7f0000000000-7f0000001000 r--p 00000000 fd:01 123 /usr/bin/modelwarden (deleted)", []),
            ("garbage", []),
        ] as [(String, [Int])])
    func spans(line: String, lengths: [Int]) {
        let spans = ExecutablePages.readOnlySpans(maps: line + "\n", executable: Self.exe)
        #expect(spans.map { Int($0.length) } == lengths)
    }

    @Test("every matching line of a whole maps text counts, in order")
    func wholeText() {
        let maps = """
            1000-3000 r--p 00000000 fd:01 123 /usr/bin/modelwarden
            3000-4000 r-xp 00002000 fd:01 123 /usr/bin/modelwarden
            4000-5000 rw-p 00003000 fd:01 123 /usr/bin/modelwarden
            5000-6000 r--p 00000000 fd:01 124 /usr/bin/modelwarden-sim
            """
        #expect(ExecutablePages.readOnlySpans(maps: maps, executable: Self.exe)
            == [.init(start: 0x1000, length: 0x2000), .init(start: 0x3000, length: 0x1000)])
    }

    @Test("without procfs, nothing is advised")
    func noProcfs() {
        #expect(ExecutablePages.release(procRoot: "/nonexistent") == nil)
    }
}
