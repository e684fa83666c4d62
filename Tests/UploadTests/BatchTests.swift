import Testing
@testable import Upload

@Suite("Upload batches")
struct BatchTests {
    func file(_ sequence: Int, _ type: String, _ kind: String = "entities") -> Journal.File {
        .init(id: Int64(sequence), runId: 1, sequence: sequence, path: "\(sequence).ldjson", kind: kind, objectType: type, layer: nil,
              records: 1, bytes: 1, sha256: "", clientRequestId: "c\(sequence)", state: .planned)
    }

    @Test func filesOfOneTypeGoTogetherAndHistoryGoesAlone() {
        let files = [file(1, "BUSINESS_USER"), file(2, "ACCOUNT"), file(3, "ACCOUNT"), file(4, "DEAL", "history"), file(5, "DEAL", "history"),
                     file(6, "DEAL"), file(7, "DEAL"), file(8, "LEAD")]
        #expect(UploadEngine.batches(files).map { $0.map(\.sequence) } == [[1], [2, 3], [4], [5], [6, 7], [8]])
    }
}
