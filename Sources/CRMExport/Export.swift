import Foundation

/// A CRM export: the data files found under the paths a user gave (a folder, several files or one).
///
/// CRMExport owns reading exports: encodings, CSV/TSV and JSON layouts, streaming rows and
/// profiling columns. It knows nothing of Gong, mappings or terminals.
public struct Export: Sendable {
    /// The folder file names are relative to.
    public let root: String
    public let files: [ExportFile]
    /// Files that could not be read at all (empty, binary, unreadable) and warnings on readable ones.
    public let issues: [ReadIssue]

    public static let dataExtensions: Set<String> = ["csv", "tsv", "tab", "txt", "json", "ndjson", "jsonl"]

    public init(root: String, files: [ExportFile], issues: [ReadIssue]) {
        self.root = root
        self.files = files
        self.issues = issues
    }

    /// Finds the data files under `paths`. A folder contributes its data files (recursively,
    /// skipping hidden ones); a file is taken whatever its extension.
    public static func open(_ paths: [String]) throws(ExportError) -> Export {
        guard !paths.isEmpty else { throw .noInput }
        let manager = FileManager.default
        var found: [(path: String, name: String)] = []
        var root = ""
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if isFolder.boolValue {
                if root.isEmpty { root = absolute }
                let enumerator = manager.enumerator(atPath: absolute)
                var inFolder: [String] = []
                while let relative = enumerator?.nextObject() as? String {
                    let last = (relative as NSString).lastPathComponent
                    if last.hasPrefix(".") { if isDirectory(absolute + "/" + relative) { enumerator?.skipDescendants() }; continue }
                    guard dataExtensions.contains((last as NSString).pathExtension.lowercased()) else { continue }
                    if isDirectory(absolute + "/" + relative) { continue }
                    inFolder.append(relative)
                }
                found += inFolder.sorted().map { (absolute + "/" + $0, $0) }
            } else {
                if root.isEmpty { root = (absolute as NSString).deletingLastPathComponent }
                found.append((absolute, relativeName(absolute, root: root)))
            }
        }
        guard !found.isEmpty else { throw .noDataFiles(paths) }
        var files: [ExportFile] = []
        var issues: [ReadIssue] = []
        for (path, name) in found where !files.contains(where: { $0.path == path }) {
            do {
                let (file, fileIssues) = try ExportFile.inspect(path: path, name: name)
                files.append(file)
                issues += fileIssues
            } catch {
                issues.append(error.issue)
            }
        }
        return Export(root: root, files: files, issues: issues)
    }

    public func file(named name: String) -> ExportFile? {
        files.first { $0.name == name } ?? files.first { ($0.name as NSString).lastPathComponent == name }
    }

    static func relativeName(_ path: String, root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : (path as NSString).lastPathComponent
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    case noInput
    case notFound(String)
    case noDataFiles([String])

    public var description: String {
        switch self {
        case .noInput: "no export given; pass a folder or the files of a CRM export"
        case .notFound(let path): "\(path): no such file or folder"
        case .noDataFiles(let paths): "\(paths.joined(separator: ", ")): no data files found (looked for .csv, .tsv, .txt, .json, .ndjson, .jsonl)"
        }
    }
}
