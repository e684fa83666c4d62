import GongClient
import Testing
@testable import Upload

@Suite("Upload progress")
struct UploadProgressTests {
    @Test func foldsAResumedRunPerEntity() {
        var progress = UploadProgress()
        progress.apply(.queued([
            .init(name: "03-ACCOUNT-001.ldjson", objectType: "ACCOUNT", records: 80, bytes: 8000, finished: true, successes: 79, failures: 1),
            .init(name: "04-CONTACT-001.ldjson", objectType: "CONTACT", records: 150, bytes: 15000, finished: false, successes: 0, failures: 0),
            .init(name: "04-CONTACT-002.ldjson", objectType: "CONTACT", records: 50, bytes: 5000, finished: false, successes: 0, failures: 0),
        ]), at: 100)
        #expect(progress.entities.map(\.objectType) == ["ACCOUNT", "CONTACT"])
        #expect(progress.entities[0].fraction == 1)
        #expect(progress.entities[0].recordsRejected == 1)
        #expect(progress.secondsLeft(at: 100) == nil, "no pace yet")

        progress.apply(.sending(file: "04-CONTACT-001.ldjson", objectType: "CONTACT", records: 150, bytes: 15000))
        progress.apply(.received(file: "04-CONTACT-001.ldjson", clientRequestId: "c-1", again: false))
        #expect(progress.entities[1].recordsSent == 150)
        #expect(progress.entities[1].recordsConfirmed == 0)
        #expect(progress.secondsLeft(at: 110) == 5000.0 / 1500.0, "15000 bytes in 10 s leaves 5000 bytes for 3.3 s")

        progress.apply(.finished(file: "04-CONTACT-001.ldjson", status: "FAILED", successes: 148, failures: 2))
        progress.apply(.gongError(file: "04-CONTACT-001.ldjson", line: 7, message: "Bad email"))
        // A file sent before the resume is only polled: it is counted as sent when it finishes.
        progress.apply(.finished(file: "04-CONTACT-002.ldjson", status: "DONE", successes: 50, failures: 0))
        #expect(progress.entities[1] == .init(objectType: "CONTACT", files: 2, filesFinished: 2, records: 200, bytes: 20000,
                                              recordsSent: 200, bytesSent: 20000, recordsConfirmed: 200, recordsRejected: 2))
        #expect(progress.recentGongErrors == ["04-CONTACT-001.ldjson:7: Bad email"])

        progress.apply(ClientEvent.called(endpoint: "POST /entities", status: 201))
        progress.apply(ClientEvent.called(endpoint: "POST /entities", status: 429))
        progress.apply(ClientEvent.called(endpoint: "POST /entities", status: nil))
        progress.apply(ClientEvent.retrying(endpoint: "POST /entities", attempt: 2, after: 1, reason: "429"))
        progress.apply(ClientEvent.waitedForRateLimit(seconds: 1.5))
        #expect(progress.requests == 3)
        #expect(progress.failedRequests == 2)
        #expect(progress.retries == 1)
        #expect(progress.secondsWaitedForRateLimit == 1.5)
    }
}
