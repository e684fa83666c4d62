import CRMExport
import Crypto
import Foundation
import GongCRM
import Mapping
import Validation

/// How an upload reads the files whose entries say `incremental:`: whole (the first time, when
/// the mapping, the export or the Gong changed, when Gong holds none of their records, one upload
/// in `fullEvery`, with `--full`), or only the rows whose cursor column lies from the highest value
/// the last upload read through the highest value now. The highest value is taken before reading,
/// so a row changed during the read is read again next time rather than skipped.
struct IncrementalReads {
    /// The file of each incremental file read only as its changed rows, by the mapping's name of it.
    var changedRowFiles: [String: ExportFile] = [:]
    /// Where each incremental file will have been read up to once the run ends.
    var cursors: [Journal.ReadCursor] = []
    /// Entities fed by a file read only as its changed rows: records missing from the read are not deleted.
    var partialEntities: Set<EntityType> = []
    /// Records the last whole reads of the files now read partly left out: still not in Gong.
    var carriedLeftOut = 0
    /// One line per file for the user.
    var notes: [String] = []

    /// Where the reads go: a cursor is never carried to another Gong or another integration.
    struct Target {
        var integrationId: Int64
        var baseURL: String
        /// Whether Gong holds records of the entity (the journal has their hashes).
        var holdsRecords: (EntityType) throws -> Bool
    }

    init(_ mapping: Mapping, export: Export, target: Target, stored: [String: Journal.ReadCursor], forceFull: Bool, at time: String) throws {
        let incremental = mapping.sources.filter { $0.incremental != nil }
        guard !incremental.isEmpty else { return }
        let fingerprint = Self.fingerprint(mapping, export: export, target: target)
        var done: Set<String> = []
        for source in incremental {
            guard case .file(let name) = source.input, let read = source.incremental, done.insert(name).inserted,
                  let file = export.file(named: name), case .table(let location) = file.layout else { continue }
            let entities = Self.entities(reading: name, in: mapping)
            let highest: String?
            do { highest = try location.highestValue(of: read.column) } catch {
                throw UploadEngine.Refusal(description: "\(name): cannot read the highest \(read.column) (incremental:): \(error)")
            }
            let previous = stored[name]
            let emptyInGong = try entities.filter { try !target.holdsRecords($0) }
            guard !forceFull, let previous, previous.fingerprint == fingerprint, let from = previous.value,
                  previous.partialReads + 1 < read.fullEvery, emptyInGong.isEmpty else {
                let why = if forceFull { "--full" }
                    else if previous == nil { "the first upload" }
                    else if previous?.fingerprint != fingerprint { "the mapping, the export or the Gong changed since the last upload" }
                    else if !emptyInGong.isEmpty { "Gong holds no \(emptyInGong.map(\.rawValue).sorted().joined(separator: ", ")) yet" }
                    else if previous?.value == nil { "no \(read.column) was kept from the last read" }
                    else { "one upload in \(read.fullEvery) reads it whole, to find deleted rows" }
                cursors.append(Journal.ReadCursor(file: name, fingerprint: fingerprint, value: highest, previousValue: previous?.value,
                                                  partialReads: 0, readAt: time))
                notes.append("\(name): read whole (\(why))")
                continue
            }
            let partialReads = previous.partialReads + 1
            changedRowFiles[name] = ExportFile(table: location.rows(of: read.column, from: from, through: highest), path: file.path, name: name, size: file.size)
            cursors.append(Journal.ReadCursor(file: name, fingerprint: fingerprint, value: highest ?? from, previousValue: from, partialReads: partialReads,
                                              leftOut: previous.leftOut, readAt: time))
            partialEntities.formUnion(entities)
            carriedLeftOut += previous.leftOut
            let upTo = highest.map { " through \(TableLocation.shownValue($0))" } ?? ""
            let wholeIn = read.fullEvery - partialReads
            notes.append("\(name): rows with \(read.column) from \(TableLocation.shownValue(from))\(upTo) only; read whole in \(wholeIn) upload\(wholeIn == 1 ? "" : "s")")
            if previous.leftOut > 0 {
                notes.append("\(name): \(previous.leftOut) records its last whole read left out for their errors are counted as left out again; gongmap validate lists them")
            }
        }
    }

    /// After the pass: a whole read's cursor keeps what it left out, for the partial reads after it.
    mutating func recordLeftOut(_ report: ValidationReport, mapping: Mapping) {
        for index in cursors.indices where changedRowFiles[cursors[index].file] == nil {
            cursors[index].leftOut = Self.entities(reading: cursors[index].file, in: mapping).reduce(0) { $0 + (report.entities[$1]?.invalid ?? 0) }
        }
    }

    static func entities(reading file: String, in mapping: Mapping) -> Set<EntityType> {
        Set(mapping.sources.filter { $0.input == .file(file) && $0.incremental != nil }.map(\.entity))
    }

    /// What the reads depend on: the mapping as written, the export as located (never a password), the Gong and its integration.
    static func fingerprint(_ mapping: Mapping, export: Export, target: Target) -> String {
        let text = [mapping.yaml(), PostgresLocation.redactingURLs(in: export.root), target.baseURL, String(target.integrationId)].joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
