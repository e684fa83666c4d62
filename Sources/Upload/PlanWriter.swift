#if canImport(Glibc)
import Glibc
#endif
import CRMExport
import Crypto
import Foundation
import GongCRM
import Mapping
import Validation

/// Writes the files an upload would send into a folder: entity schemas, then LDJSON files of each
/// entity in upload order (history layers before the current state), each under the size limit.
/// The folder is built aside and swapped in whole, so a reader never sees half a plan.
public final class PlanWriter: RecordSink {
    /// Gong takes requests of up to 200 MB; the margin leaves room for the multipart envelope.
    public static let defaultMaxFileBytes = 199_000_000

    public let folder: String
    public let maxFileBytes: Int
    private let staging: String
    private var files: [PlanManifest.File] = []
    @exclusivity(unchecked) private var open: OpenFile? {
        didSet { openWithoutCounting = open.map { Unmanaged.passUnretained($0) } }
    }
    /// `open`, reached on every record without counting references (`open` keeps it alive).
    @exclusivity(unchecked) private var openWithoutCounting: Unmanaged<OpenFile>?
    private var historyFiles: [EntityType: [PlanManifest.File]] = [:]
    private var currentFiles: [EntityType: [PlanManifest.File]] = [:]

    private final class OpenFile {
        let entity: EntityType
        let layer: Int?
        let part: Int
        let name: String
        let lines: DiskWriter
        /// `source file<TAB>row<TAB>objectId` per line, written beside the file as NAME.origins.
        let origins: DiskWriter
        @exclusivity(unchecked) var records = 0

        init(entity: EntityType, layer: Int?, part: Int, folder: String, name: String) throws {
            self.entity = entity
            self.layer = layer
            self.part = part
            self.name = name
            lines = try DiskWriter(path: folder + "/" + name, hashing: true)
            do { origins = try DiskWriter(path: folder + "/" + name + ".origins", hashing: false) } catch {
                lines.abandon()
                throw error
            }
        }

        var bytes: Int { lines.bytes }

        func takes(_ type: EntityType, layer: Int?, bytes count: Int, limit: Int) -> Bool {
            entity == type && self.layer == layer && lines.bytes + count <= limit
        }

        func write(_ line: UnsafeBufferPointer<UInt8>, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws {
            try lines.append(line)
            try origins.append { origins in
                origins.append(origin.file)
                origins.append(UInt8(ascii: "\t"))
                origins.appendDecimal(origin.row)
                origins.append(UInt8(ascii: "\t"))
                if let objectId { origins.append(objectId) }
                origins.append(UInt8(ascii: "\n"))
            }
            records += 1
        }

        /// A file dropped unfinished (after an error) stops its writing threads.
        deinit {
            lines.abandon()
            origins.abandon()
        }
    }

    public init(folder: String, maxFileBytes: Int = PlanWriter.defaultMaxFileBytes) throws {
        self.folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        self.maxFileBytes = maxFileBytes
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: self.folder, isDirectory: &isFolder) {
            let contents = (try? manager.contentsOfDirectory(atPath: self.folder)) ?? []
            guard isFolder.boolValue, contents.isEmpty || contents.contains("manifest.json") else {
                throw PlanError("\(folder) exists and is not an earlier plan (no manifest.json); choose an empty or new folder for --out")
            }
        }
        staging = self.folder + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? manager.removeItem(atPath: staging)
        do { try manager.createDirectory(atPath: staging, withIntermediateDirectories: true) } catch {
            throw PlanError("cannot create \(staging): \(error.localizedDescription)")
        }
    }

    /// Writes one schema file per entity with custom fields: the complete field list Gong wants.
    public func writeSchemas(_ mapping: Mapping) throws {
        for entity in EntityType.uploadOrder {
            guard let fields = mapping.customFields[entity], !fields.isEmpty else { continue }
            var body: [UInt8] = Array("[\n".utf8)
            for (index, field) in fields.enumerated() {
                var record = GongRecord(type: entity)
                record.fields = [("uniqueName", .string(field.uniqueName)), ("label", .string(field.label)), ("type", .string(field.type.rawValue))]
                if let reference = field.referenceTo { record.fields.append(("referenceTo", .string(reference.referenceName))) }
                if let values = field.orderedValueList { record.fields.append(("orderedValueList", .strings(values))) }
                LDJSONEncoder.append(record, to: &body)
                body.removeLast()
                body.append(contentsOf: (index == fields.count - 1 ? "\n" : ",\n").utf8)
            }
            body.append(contentsOf: "]\n".utf8)
            let name = "00-schema-\(entity.rawValue).json"
            let path = staging + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data(body)) else { throw PlanError("cannot write \(path)") }
            files.append(.init(path: name, kind: .schema, objectType: entity, layer: nil, records: fields.count, bytes: body.count,
                               sha256: SHA256.hash(data: body).hexString))
        }
    }

    public func accept(_ record: GongRecord, origin: RecordOrigin) throws {
        try write(record, layer: nil, origin: origin)
    }

    public var takesEncodedRecords: Bool { true }

    public func accept(encoded line: UnsafeBufferPointer<UInt8>, type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws {
        try write(type: type, objectId: objectId, line: line, layer: nil, origin: origin)
    }

    public func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws {
        try write(record, layer: layer, origin: origin)
    }

    private let scratch = ByteBuffer(capacity: 4096)

    private func write(_ record: GongRecord, layer: Int?, origin: RecordOrigin) throws {
        scratch.removeAll()
        LDJSONEncoder.append(record, to: scratch)
        try record.withObjectIdBytes { id in
            try scratch.withUnsafeBytes { try write(type: record.type, objectId: id, line: $0, layer: layer, origin: origin) }
        }
    }

    private func write(type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, line: UnsafeBufferPointer<UInt8>, layer: Int?, origin: RecordOrigin) throws {
        if let file = openWithoutCounting, file._withUnsafeGuaranteedRef({ $0.takes(type, layer: layer, bytes: line.count, limit: maxFileBytes) }) {
            try file._withUnsafeGuaranteedRef { try $0.write(line, objectId: objectId, origin: origin) }
            return
        }
        if let file = open {
            let sameSeries = file.entity == type && file.layer == layer
            try close()
            if sameSeries { try start(type, layer: layer, part: file.part + 1) }
        }
        if open == nil { try start(type, layer: layer, part: 1) }
        guard line.count <= maxFileBytes else {
            throw PlanError("a \(type.rawValue) record of \(line.count) bytes (objectId \(objectId.map { String(decoding: $0, as: UTF8.self) } ?? "?")) is larger than the file limit of \(maxFileBytes) bytes")
        }
        try open!.write(line, objectId: objectId, origin: origin)
    }

    private func start(_ entity: EntityType, layer: Int?, part: Int) throws {
        let order = String(entity.orderIndex + 1).leftPadded(to: 2)
        let layerText = layer.map { "-history\(String($0).leftPadded(to: 2))" } ?? ""
        let name = "\(order)-\(entity.rawValue)\(layerText)-\(String(part).leftPadded(to: 3)).ldjson"
        open = try OpenFile(entity: entity, layer: layer, part: part, folder: staging, name: name)
    }

    private func close() throws {
        guard let file = open else { return }
        open = nil
        let sha256 = try file.lines.finish()
        _ = try file.origins.finish()
        let entry = PlanManifest.File(path: file.name, kind: file.layer == nil ? .entities : .history, objectType: file.entity, layer: file.layer,
                                      records: file.records, bytes: file.bytes, sha256: sha256)
        if file.layer == nil { currentFiles[file.entity, default: []].append(entry) } else { historyFiles[file.entity, default: []].append(entry) }
    }

    /// Closes the last file, writes `manifest.json` and swaps the folder in; returns the manifest.
    @discardableResult
    public func finish(report: ValidationReport, export: String, mapping: String, createdAt: String) throws -> PlanManifest {
        try close()
        for entity in EntityType.uploadOrder {
            files += (historyFiles[entity] ?? []).sorted { ($0.layer ?? 0, $0.path) < ($1.layer ?? 0, $1.path) }
            files += currentFiles[entity] ?? []
        }
        var counts: [String: PlanManifest.EntityCounts] = [:]
        for (entity, tally) in report.entities {
            counts[entity.rawValue] = .init(read: tally.read, valid: tally.valid, leftOut: tally.invalid, historyVersions: tally.historyVersions)
        }
        let manifest = PlanManifest(createdAt: createdAt, export: PostgresLocation.redactingURLs(in: export), mapping: mapping, maxFileBytes: maxFileBytes, files: files,
                                    entities: counts, errors: report.errors, warnings: report.warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(manifest)
        guard FileManager.default.createFile(atPath: staging + "/manifest.json", contents: data + Data("\n".utf8)) else {
            throw PlanError("cannot write the manifest in \(staging)")
        }
        try swapIn()
        return manifest
    }

    private func swapIn() throws {
        let manager = FileManager.default
        let old = folder + ".old-\(ProcessInfo.processInfo.processIdentifier)"
        if manager.fileExists(atPath: folder) {
            guard rename(folder, old) == 0 else { throw PlanError("cannot replace \(folder): \(String(cString: strerror(errno)))") }
        }
        guard rename(staging, folder) == 0 else { throw PlanError("cannot move the plan into \(folder): \(String(cString: strerror(errno)))") }
        try? manager.removeItem(atPath: old)
    }

    /// Removes the staging folder after a failed run.
    public func abandon() {
        open?.lines.abandon()
        open?.origins.abandon()
        open = nil
        try? FileManager.default.removeItem(atPath: staging)
    }
}

public struct PlanError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self { bytes.append(digits[Int(byte >> 4)]); bytes.append(digits[Int(byte & 0xF)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension GongRecord {
    /// Calls `body` with the objectId's UTF-8 bytes, nil when the record has none.
    func withObjectIdBytes<R>(_ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard var id = objectId else { return try body(nil) }
        return try id.withUTF8 { try body($0) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
