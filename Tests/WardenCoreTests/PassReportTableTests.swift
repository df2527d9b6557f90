import Foundation
import Testing
@testable import WardenCore

/// The pass report as a person reads it: a plan says what it would do, a pass what it did.
@Suite("The pass report's table")
struct PassReportTableTests {
    @Test(arguments: [true, false])
    func aPlanSaysWhatItWouldFreeAndAPassWhatItFreed(dryRun: Bool) async throws {
        let scene = try await TwinPassTests.Scene().seen()
        let report = try await scene.pass(at: TwinPassTests.month, dryRun: dryRun)
        let text = report.renderTable()
        let markdown = report.renderMarkdown()
        #expect(text.contains("OUTCOME") == !dryRun)
        #expect(markdown.contains("| Outcome |") == !dryRun)
        #expect(!text.contains("planned") && !markdown.contains("planned"), "no row says planned")
        if dryRun {
            #expect(text.hasSuffix("Would free 6.41 GiB.\n"), "\(text)")
            #expect(markdown.contains("Would free **6.41 GiB**."))
        } else {
            #expect(text.contains("Expected to free 6.41 GiB; freed 6.41 GiB; 0 failed."), "\(text)")
        }
    }
}
