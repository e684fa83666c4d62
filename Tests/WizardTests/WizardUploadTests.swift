import Foundation
import GongEmulator
import Testing
import TerminalUI
@testable import Wizard

/// The Upload and Uploads steps against an emulator on loopback: what the wizard says about an
/// upload must be true.
@Suite("Wizard uploads", .serialized)
struct WizardUploadTests {
    typealias Flow = WizardFlowTests

    /// Delivers background messages until `done` holds (at most 2 minutes: status checks back off), without blocking a thread
    /// the upload's tasks need.
    func settle(_ app: WizardApp, _ inbox: Inbox<WizardMessage>, until done: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(120)
        while !done() {
            for message in inbox.drain() { _ = app.receive(message) }
            if Date() > deadline {
                Issue.record("gave up waiting; the screen:\n\(Flow.screen(app))\n\(app.context.notices)")
                throw CancellationError()
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    @Test func anIncompleteUploadSaysWhatIsMissingAndVerifyReadsTheRunBack() async throws {
        var options = EmulatorOptions()
        options.rateLimited = false
        options.pendingSeconds = 0.01
        options.processingSeconds = 0.01
        let emulator = try await RunningEmulator.start(core: EmulatorCore(options: options))
        defer { emulator.stop() }
        setenv("GONG_ACCESS_KEY", options.accessKey, 1)
        setenv("GONG_ACCESS_KEY_SECRET", options.accessKeySecret, 1)
        let (app, inbox, folder) = try Flow.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        Flow.press(app, .char("8"), .char("b"), .ctrl("u"))
        Flow.type(app, emulator.baseURL.replacingOccurrences(of: "http://", with: ""))
        Flow.press(app, .enter)
        #expect(Flow.screen(app).contains("is not an http(s) address with a host"), "a base URL without its scheme is refused at once")
        Flow.press(app, .ctrl("u"))
        Flow.type(app, emulator.baseURL + "/v2")
        Flow.press(app, .enter, .char("U"))
        try await settle(app, inbox) {
            if case .failed? = app.context.upload?.state { return true }
            return app.context.upload?.result != nil
        }
        let upload = Flow.screen(app)
        #expect(app.context.upload?.result != nil, "\(upload)")
        #expect(upload.contains("Upload: done, records are missing from Gong"))
        #expect(upload.contains("5 records left out by validation are not in Gong: Validate (5) lists them"))
        #expect(!upload.contains("✓ Run 1"), "an incomplete run is not shown as a success")

        Flow.press(app, .char("9"), .char("v"))
        try await settle(app, inbox) { app.screens.uploads.verified[1] != nil }
        #expect(Flow.screen(app).contains("Run 1 verified: 339 read back: 339 as sent"))

        // Space shows the run whole, then a sent file with its outcome.
        Flow.press(app, .char(" "))
        #expect(Flow.screen(app).split(separator: "\n").contains { $0.contains("Outcome: ") && $0.contains(" accepted, ") })
        Flow.press(app, .escape, .tab, .char(" "))
        #expect(Flow.screen(app).contains("File 1 of run 1"))
        #expect(Flow.screen(app).contains("State: done"), "the first file (users) was processed")
    }
}
