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
    /// The database the export is (a PostgreSQL URL, a SQLite file given alone): sources may read
    /// a `query:` of it.
    public let database: ExportDatabase?

    public static let dataExtensions: Set<String> = ["csv", "tsv", "tab", "txt", "json", "ndjson", "jsonl", "xlsx", "sqlite", "sqlite3", "db"]

    public init(root: String, files: [ExportFile], issues: [ReadIssue], database: ExportDatabase? = nil) {
        self.root = root
        self.files = files
        self.issues = issues
        self.database = database
    }

    /// Finds the data files under `paths`. A folder contributes its data files (recursively,
    /// skipping hidden ones); a file is taken whatever its extension.
    public static func open(_ paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws(ExportError) -> Export {
        guard !paths.isEmpty else { throw .noInput }
        if let url = paths.first(where: PostgresLocation.isPostgresURL) {
            guard paths.count == 1 else { throw .mixed }
            return try openPostgres(url, environment: environment)
        }
        let manager = FileManager.default
        var found: [(path: String, name: String)] = []
        var issues: [ReadIssue] = []
        var root = ""
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            if isFolder.boolValue {
                if root.isEmpty { root = absolute }
                var inFolder: [String] = []
                var visited: Set<String> = []
                walk(absolute, relative: "", visited: &visited, into: &inFolder, issues: &issues)
                found += inFolder.sorted().map { (absolute + "/" + $0, $0) }
            } else {
                if root.isEmpty { root = (absolute as NSString).deletingLastPathComponent }
                let name = relativeName(absolute, root: root)
                if let kind = Self.irregularKind(absolute) {
                    issues.append(ReadIssue(.error, "not-a-file", file: name, line: 0, "\(kind), not a file: reading it could wait forever; give the file it is fed from"))
                    continue
                }
                found.append((absolute, name))
            }
        }
        guard !found.isEmpty else {
            if !issues.isEmpty { return Export(root: root, files: [], issues: issues) }
            throw .noDataFiles(paths)
        }
        var files: [ExportFile] = []
        for (path, name) in found where !files.contains(where: { $0.path == path }) {
            if let tables = tableFiles(path: path, name: name, givenDirectly: paths.contains { URL(fileURLWithPath: $0).standardizedFileURL.path == path }, issues: &issues) {
                files += tables
                continue
            }
            do {
                let (file, fileIssues) = try ExportFile.inspect(path: path, name: name)
                files.append(file)
                issues += fileIssues
            } catch {
                issues.append(error.issue)
            }
        }
        let database = paths.count == 1 && SQLiteRowSource.isDatabase(paths[0]) ? ExportDatabase.sqlite(URL(fileURLWithPath: paths[0]).standardizedFileURL.path) : nil
        return Export(root: root, files: files, issues: issues, database: database)
    }

    /// The tables and views of a PostgreSQL database that its user may read.
    static func openPostgres(_ url: String, environment: [String: String]) throws(ExportError) -> Export {
        let location: PostgresLocation
        let tables: [PostgresTableInfo]
        do {
            location = try PostgresLocation.parse(url, environment: environment)
            tables = try PostgresSource.tables(at: location)
        } catch {
            throw .database("\(error)")
        }
        let issues = location.warnings.map { ReadIssue(.warning, "database-warning", file: location.displayURL, line: 0, $0) }
        let files = tables.map {
            ExportFile(table: .postgresTable(location, schema: $0.schema, table: $0.name), path: location.displayURL, name: $0.displayName, size: 0, estimatedRows: $0.estimatedRows)
        }
        return Export(root: location.displayURL, files: files, issues: issues, database: .postgres(location))
    }

    /// The sheets of a workbook (`Book.xlsx#Sheet1`), or the tables and views of a SQLite database:
    /// named as the table when the database is the export, else `crm.sqlite#Account`; nil for a
    /// text file.
    static func tableFiles(path: String, name: String, givenDirectly: Bool, issues: inout [ReadIssue]) -> [ExportFile]? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if (path as NSString).pathExtension.lowercased() == "xlsx" {
            do {
                let workbook = try XLSXWorkbook(path: path)
                if workbook.sheets.isEmpty { issues.append(ReadIssue(.error, "empty-workbook", file: name, line: 0, "the workbook has no worksheets")) }
                return workbook.sheets.map {
                    ExportFile(table: .sheet(workbook: path, sheet: $0.name), path: path, name: name + "#" + $0.name, size: size, storedBytes: $0.storedBytes)
                }
            } catch {
                issues.append(ReadIssue(.error, "unreadable-file", file: name, line: 0, "\(error); save it again from Excel as .xlsx, or export the sheets as CSV"))
                return []
            }
        }
        let databaseExtension = ["sqlite", "sqlite3", "db"].contains((path as NSString).pathExtension.lowercased())
        guard SQLiteRowSource.isDatabase(path) else {
            if databaseExtension { issues.append(ReadIssue(.error, "unreadable-file", file: name, line: 0, "not a SQLite database (it does not start with SQLite's header)")) }
            return databaseExtension ? [] : nil
        }
        do {
            return try SQLiteRowSource.tables(of: path).map {
                ExportFile(table: .sqliteTable(database: path, table: $0), path: path, name: givenDirectly ? $0 : name + "#" + $0, size: size)
            }
        } catch {
            issues.append(ReadIssue(.error, "unreadable-file", file: name, line: 0, "\(error)"))
            return []
        }
    }

    public func file(named name: String) -> ExportFile? {
        if name.hasPrefix(ExportFile.queryPrefix), let database {
            return database.queryFile(String(name.dropFirst(ExportFile.queryPrefix.count)), name: name)
        }
        return files.first { $0.name == name } ?? files.first { ($0.name as NSString).lastPathComponent == name }
    }

    static func relativeName(_ path: String, root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : (path as NSString).lastPathComponent
    }

    /// Collects the data files under `folder` (names relative to the export root), skipping hidden
    /// entries, following symbolic links to folders once each (`latest -> 2024-11-30/` is a common
    /// layout; a link back up is not followed again), and skipping what is not a regular file
    /// (a FIFO would block every read) with a warning.
    private static func walk(_ folder: String, relative: String, visited: inout Set<String>, into found: inout [String], issues: inout [ReadIssue]) {
        let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where !entry.hasPrefix(".") {
            let path = folder + "/" + entry
            let name = relative.isEmpty ? entry : relative + "/" + entry
            if isDirectory(path) {
                walk(path, relative: name, visited: &visited, into: &found, issues: &issues)
                continue
            }
            guard dataExtensions.contains((entry as NSString).pathExtension.lowercased()) else { continue }
            if let kind = irregularKind(path) {
                issues.append(ReadIssue(.warning, "not-a-file", file: name, line: 0, "\(kind), not a file: left out, as reading it could wait forever"))
                continue
            }
            found.append(name)
        }
    }

    /// "a FIFO", "a socket", "a device" for what is not a regular file (after symbolic links), else nil.
    static func irregularKind(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    /// A folder, through symbolic links.
    private static func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    case noInput
    case notFound(String)
    case noDataFiles([String])
    /// A database URL together with other paths.
    case mixed
    /// The database could not be read (the message never holds a password).
    case database(String)

    public var description: String {
        switch self {
        case .noInput: "no export given; pass a folder or the files of a CRM export"
        case .notFound(let path): "\(path): no such file or folder"
        case .mixed: "a database URL is an export of its own; give it without other files or folders"
        case .database(let message): message
        case .noDataFiles(let paths): "\(paths.joined(separator: ", ")): no data files found (looked for .csv, .tsv, .txt, .json, .ndjson, .jsonl, .xlsx and SQLite databases)"
        }
    }
}
