import Foundation

/// Reads one named part of a `multipart/form-data` body (RFC 7578).
enum Multipart {
    static func boundary(fromContentType contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// The content of the part named `name`, or nil.
    static func part(named name: String, in body: Data, boundary: String) -> Data? {
        let delimiter = Data(("--" + boundary).utf8)
        var searchStart = body.startIndex
        while let open = body.range(of: delimiter, in: searchStart..<body.endIndex) {
            var headerStart = open.upperBound
            if body[headerStart...].starts(with: Data("--".utf8)) { return nil }
            if body[headerStart...].starts(with: Data("\r\n".utf8)) { headerStart += 2 }
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: headerStart..<body.endIndex) else { return nil }
            let headers = String(decoding: body[headerStart..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex) else { return nil }
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") } ?? ""
            if disposition.contains("name=\"\(name)\"") { return body[headerEnd.upperBound..<next.lowerBound] }
            searchStart = next.lowerBound + 2
        }
        return nil
    }
}
