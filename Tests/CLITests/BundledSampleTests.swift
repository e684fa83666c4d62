import Foundation
import Testing
@testable import gongmap

/// The sample inside the binary is the one in Samples/, byte for byte (scripts/embed-sample
/// writes it), so `gongmap demo` from an installed binary shows what the repository shows.
@Suite("Bundled sample")
struct BundledSampleTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples").standardized.path

    @Test func theBinaryCarriesTheSampleAsItIs() throws {
        var onDisk = ["salesforce-small.mapping.yaml"]
        onDisk += try FileManager.default.contentsOfDirectory(atPath: Self.samples + "/salesforce-small").map { "salesforce-small/" + $0 }
        #expect(Set(BundledSample.files.map(\.path)) == Set(onDisk), "run scripts/embed-sample after changing Samples/")
        for file in BundledSample.files {
            let disk = try #require(FileManager.default.contents(atPath: Self.samples + "/" + file.path))
            #expect(Data(base64Encoded: file.base64) == disk, "\(file.path): run scripts/embed-sample")
        }
    }
}
