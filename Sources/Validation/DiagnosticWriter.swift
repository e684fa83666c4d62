import Foundation
import GongCRM

/// Streams every diagnostic to a `.csv` or `.ndjson` file as it is found.
public final class DiagnosticWriter {
    public enum Format { case csv, ndjson }

    private let handle: FileHandle
    private let format: Format
    private var buffer: [UInt8] = []
    public let path: String

    public init(path: String) throws {
        let lowered = path.lowercased()
        guard lowered.hasSuffix(".csv") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") else {
            throw CocoaError(.fileWriteUnsupportedScheme, userInfo: [NSLocalizedDescriptionKey: "\(path): diagnostics are written as .csv or .ndjson; name the file accordingly"])
        }
        format = lowered.hasSuffix(".csv") ? .csv : .ndjson
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "cannot create \(path); check the folder exists and is writable"])
        }
        self.handle = handle
        self.path = path
        if format == .csv { append("severity,rule,entity,field,file,row,line,column,value,objectId,message\n") }
    }

    private func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    public func write(_ diagnostic: Diagnostic) {
        switch format {
        case .csv:
            let cells = [diagnostic.severity.rawValue, diagnostic.rule.rawValue, diagnostic.entity?.rawValue ?? "", diagnostic.field ?? "",
                         diagnostic.file, String(diagnostic.row), String(diagnostic.line), diagnostic.column ?? "", diagnostic.value ?? "",
                         diagnostic.objectId ?? "", diagnostic.message]
            append(cells.map(CSVCell.escape).joined(separator: ",") + "\n")
        case .ndjson:
            var record = GongRecord(type: diagnostic.entity ?? .account)
            record.fields = [("severity", .string(diagnostic.severity.rawValue)), ("rule", .string(diagnostic.rule.rawValue))]
            if let entity = diagnostic.entity { record.fields.append(("entity", .string(entity.rawValue))) }
            if let field = diagnostic.field { record.fields.append(("field", .string(field))) }
            record.fields += [("file", .string(diagnostic.file)), ("row", .number(String(diagnostic.row))), ("line", .number(String(diagnostic.line)))]
            if let column = diagnostic.column { record.fields.append(("column", .string(column))) }
            if let value = diagnostic.value { record.fields.append(("value", .string(value))) }
            if let objectId = diagnostic.objectId { record.fields.append(("objectId", .string(objectId))) }
            record.fields.append(("message", .string(diagnostic.message)))
            LDJSONEncoder.append(record, to: &buffer)
        }
        if buffer.count > 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() {
        flush()
        try? handle.close()
    }
}

public enum CSVCell {
    /// Quotes a cell when it holds a comma, quote or line break (RFC 4180).
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
