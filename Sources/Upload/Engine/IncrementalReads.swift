import CRMExport
import Crypto
import Foundation
import GongCRM
import Mapping

/// How an upload reads the files whose entries say `incremental:`: whole (the first time, after
/// the mapping or the export changed, every `fullEvery`th upload, with `--full`), or only the rows
/// whose cursor column lies from the highest value the last upload read through the highest value
/// now. The highest value is taken before reading, so a row changed during the read is read again
/// next time rather than skipped.
struct IncrementalReads {
    /// The file of each incremental file read only as its changed rows, by the mapping's name of it.
    var changedRowFiles: [String: ExportFile] = [:]
    /// Where each incremental file will have been read up to once Gong answered the run.
    var cursors: [Journal.ReadCursor] = []
    /// Entities fed by a file read only as its changed rows: records missing from the read are not deleted.
    var partialEntities: Set<EntityType> = []
    /// One line per file for the user.
    var notes: [String] = []

    init(_ mapping: Mapping, export: Export, exportLabel: String, stored: [String: Journal.ReadCursor], forceFull: Bool, at time: String) throws {
        let incremental = mapping.sources.filter { $0.incremental != nil }
        guard !incremental.isEmpty else { return }
        let fingerprint = Self.fingerprint(mapping, exportLabel: exportLabel)
        var done: Set<String> = []
        for source in incremental {
            guard case .file(let name) = source.input, let read = source.incremental, done.insert(name).inserted,
                  let file = export.file(named: name), case .table(let location) = file.layout else { continue }
            let highest: String?
            do { highest = try location.highestValue(of: read.column) } catch {
                throw UploadEngine.Refusal(description: "\(name): cannot read the highest \(read.column) (incremental:): \(error)")
            }
            let previous = stored[name]
            guard !forceFull, let previous, previous.fingerprint == fingerprint, let from = previous.value, previous.partialReads + 1 < read.fullEvery else {
                let why = if forceFull { "--full" }
                    else if previous == nil { "the first upload" }
                    else if previous?.fingerprint != fingerprint { "the mapping or the export changed since the last upload" }
                    else if previous?.value == nil { "no row had a \(read.column) when it was last read" }
                    else { "one upload in \(read.fullEvery) reads it whole, to find deleted rows" }
                cursors.append(Journal.ReadCursor(file: name, fingerprint: fingerprint, value: highest, partialReads: 0, readAt: time))
                notes.append("\(name): read whole (\(why))")
                continue
            }
            let partialReads = previous.partialReads + 1
            changedRowFiles[name] = ExportFile(table: location.rows(of: read.column, from: from, through: highest), path: file.path, name: name, size: file.size)
            cursors.append(Journal.ReadCursor(file: name, fingerprint: fingerprint, value: highest ?? from, partialReads: partialReads, readAt: time))
            partialEntities.formUnion(mapping.sources.filter { $0.input == source.input && $0.incremental != nil }.map(\.entity))
            let upTo = highest.map { " through \(TableLocation.shownValue($0))" } ?? ""
            let wholeIn = read.fullEvery - partialReads
            notes.append("\(name): rows with \(read.column) from \(TableLocation.shownValue(from))\(upTo) only; read whole in \(wholeIn) upload\(wholeIn == 1 ? "" : "s")")
        }
    }

    /// What the reads depend on: the mapping as written and the export it reads.
    static func fingerprint(_ mapping: Mapping, exportLabel: String) -> String {
        SHA256.hash(data: Data((mapping.yaml() + "\n" + exportLabel).utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
