import CRMExport
import Foundation

extension ExportFile {
    /// `70 KB`: the file's size, a sheet's share of its workbook; empty for a database table.
    var sizeLabel: String {
        storedBytes.map { ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file) } ?? ""
    }
}
