import Foundation
import Testing
@testable import WardenCore

/// The /proc texts that lead from a port to a process, read as hostile input.
@Suite("Parsing /proc/net/tcp, fd links and /proc/PID/status")
struct ProcParserTests {
    static let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
    static let tail = "00000000:00000000 00:00000000 00000000  1000        0"

    @Test(arguments: [
        // (line after the header, the listener it reads as: address, port, inode; nil: skipped)
        ("   0: 0100007F:9984 00000000:0000 0A \(tail) 51234 1 0 100 0 0 10 0", [127, 0, 0, 1], 39300, 51234),
        ("   1: 00000000:1F90 00000000:0000 0A \(tail) 42 1 0 100 0 0 10 0", [0, 0, 0, 0], 8080, 42),
        ("   2: 0100007F:9984 0100007F:D431 01 \(tail) 51235 1 0 20 4 30 10 -1", nil, 0, 0),  // ESTABLISHED
        ("   3: 0100007F:9984 00000000:0000 0A \(tail) 0 1 0 100 0 0 10 0", nil, 0, 0),  // no inode
        ("   4: 0100007F:9984 00000000:0000 0A 00000000:00000000", nil, 0, 0),  // too few columns
        ("   5: 0100007F:9984 00000000:0000 0A \(tail) 99999999999999999999999 1", nil, 0, 0),  // inode beyond 64 bits
        ("   6: 0100007F:+1F4 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // a sign is no hex digit
        ("   7: 0100007F:19984 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // five port digits
        ("   8: 100007F:9984 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // seven address digits
        ("   9: 0100007G:9984 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // not hex
        ("  10: 0100007F9984 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // no colon
        ("  11: 0100007F:9984 00000000:0000 0A \(tail) -7 1", nil, 0, 0),  // negative inode
        ("  12 0100007F:9984 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // no slot colon
        ("  13: ０１００００７Ｆ:9984 00000000:0000 0A \(tail) 7 1", nil, 0, 0),  // fullwidth digits
        ("  14: 00000000000000000000000001000000:9984 00000000000000000000000000000000:0000 0A \(tail) 9 1",
         [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 39300, 9),  // tcp6 ::1
    ] as [(String, [UInt8]?, Int, UInt64)])
    func readsListeningSockets(line: String, address: [UInt8]?, port: Int, inode: UInt64) {
        let found = ProcParser.listeners(Self.header + "\n" + line + "\n")
        if let address {
            #expect(found == [ProcParser.Listener(address: address, port: UInt16(port), inode: inode)])
        } else {
            #expect(found.isEmpty)
        }
    }

    @Test(arguments: [
        ([127, 0, 0, 1], true), ([127, 1, 2, 3], true), ([0, 0, 0, 0], true), ([192, 168, 1, 20], false),
        ([UInt8](repeating: 0, count: 16), true), ([UInt8](repeating: 0, count: 15) + [1], true),
        ([UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 127, 0, 0, 1], true),
        ([UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 10, 0, 0, 1], false),
        ([0xFE, 0x80] + [UInt8](repeating: 0, count: 13) + [1], false),
    ] as [([UInt8], Bool)])
    func knowsWhichAddressesALoopbackConnectionReaches(address: [UInt8], accepts: Bool) {
        #expect(ProcParser.Listener(address: address, port: 1, inode: 1).acceptsLoopback == accepts)
    }

    @Test func ignoresGarbageAndHugeTexts() {
        #expect(ProcParser.listeners("").isEmpty)
        #expect(ProcParser.listeners("\u{0}\u{1B}[2J garbage\n\n::::\n").isEmpty)
        let many = String(repeating: "   0: 0100007F:9984 00000000:0000 0A \(Self.tail) 5 1\n", count: 2000)
        #expect(ProcParser.listeners(many).count == 2000)
    }

    @Test(arguments: [
        ("socket:[51234]", 51234), ("socket:[18446744073709551615]", UInt64.max),
        ("socket:[18446744073709551616]", nil), ("socket:[]", nil), ("socket:[12a]", nil), ("socket:[-1]", nil),
        ("pipe:[51234]", nil), ("/dev/null", nil), ("socket:[51234", nil), ("anon_inode:[eventfd]", nil),
    ] as [(String, UInt64?)])
    func readsSocketLinks(link: String, inode: UInt64?) {
        #expect(ProcParser.socketInode(link) == inode)
    }

    @Test(arguments: [
        ("Name:\tpieces-os\nVmRSS:\t  2048 kB\nVmSwap:\t 512 kB\n", "pieces-os", 2048 * 1024, 512 * 1024),
        ("VmSwap:\t0 kB\nVmRSS:\t1 kB\n", "", 1024, 0),
        ("Name:\tx\nVmRSS:\t\(Int.max / 1024) kB\nVmSwap:\t0 kB\n", "x", Int.max / 1024 * 1024, 0),
    ] as [(String, String, Int, Int)])
    func readsStatus(text: String, name: String, rss: Int, swap: Int) throws {
        let status = try ProcParser.status(text)
        #expect(status.name == name && status.rssBytes == rss && status.swapBytes == swap)
    }

    @Test(arguments: [
        ("Name:\tkthreadd\nState:\tS\n", "VmRSS or VmSwap is missing (a kernel thread, or a process that has exited)"),
        ("VmRSS:\t1 kB\n", "VmRSS or VmSwap is missing (a kernel thread, or a process that has exited)"),
        ("VmRSS:\t\(Int.max / 1024 + 1) kB\nVmSwap:\t0 kB\n", "line 1: VmRSS: the value is too large"),
        ("VmRSS:\t99999999999999999999999 kB\n", "line 1: VmRSS: expected a number of kB, got \"99999999999999999999999 kB\""),
        ("VmRSS:\t12 MB\nVmSwap:\t0 kB\n", "line 1: VmRSS: expected a number of kB, got \"12 MB\""),
        ("Name:\tx\nVmSwap:\t-1 kB\n", "line 2: VmSwap: expected a number of kB, got \"-1 kB\""),
        ("VmRSS:\t kB\n", "line 1: VmRSS: expected a number of kB, got \"kB\""),
    ])
    func refusesBadStatus(text: String, message: String) {
        #expect(throws: MemInfo.ParseError.self) { try ProcParser.status(text) }
        do {
            _ = try ProcParser.status(text)
        } catch {
            #expect(error.description == message)
        }
    }
}
