import CRMExport
import Foundation
import GongClient
import GongCRM
import Mapping
import TerminalUI
import Upload

/// An upload (or a dry run, or a connection test) the wizard started: it runs in a task of its
/// own and reports through the inbox, so the user can move around, and quitting leaves it
/// resumable from the journal.
public struct UploadActivity: Sendable {
    public enum State: Sendable, Equatable { case running, finished(String), failed(String) }

    public var kind: String
    public var state: State = .running
    /// How the upload ended, once it did.
    public var result: UploadEngine.Result?
    public var progress = UploadProgress()
    /// The last lines of the log.
    public var log: [String] = []

    public mutating func add(_ line: String) {
        log.append(line)
        if log.count > 200 { log.removeFirst(log.count - 200) }
    }
}

/// Messages of an upload in the background.
public enum UploadMessage: Sendable {
    case event(UploadEvent)
    case client(ClientEvent)
    case finished(UploadEngine.Result)
    case failed(String)
}

extension Background {
    /// Gong's current custom fields per entity, and those the mapping's journal says gongmap
    /// registered, for the schema diff of the Custom fields step.
    public static func fetchSchema(baseURL: String, mappingPath: String?, inbox: Inbox<WizardMessage>) {
        Task.detached {
            do {
                let client = GongClient(baseURL: baseURL, credentials: try Credentials.load(), maxAttempts: 2)
                defer { Task { try? await client.shutdown() } }
                guard let integration = try await client.integrations().first?.integrationId else {
                    inbox.post(.remoteSchema(RemoteSchema()))
                    return
                }
                let journalPath = mappingPath.map { UploadEngine.Options(mappingPath: $0).stateFolder + "/journal.sqlite" }
                let journal = try journalPath.flatMap { FileManager.default.fileExists(atPath: $0) ? try Journal(path: $0) : nil }
                var schema = RemoteSchema()
                for type in EntityType.uploadOrder where type.acceptsCustomFields {
                    schema.fields[type] = try await client.schema(for: type, integrationId: integration)
                    schema.managed[type] = try journal?.managedFields(integrationId: integration, objectType: type.rawValue) ?? [:]
                }
                inbox.post(.remoteSchema(schema))
            } catch {
                inbox.post(.notice("Cannot read Gong's schema from \(baseURL): \(error)", .error))
            }
        }
    }

    /// Reads a sample of a run's records back from Gong and compares them with what the saved
    /// mapping makes of the session's export.
    public static func verify(run: Int64, baseURL: String, mappingPath: String, saved mapping: Mapping, session: Session, inbox: Inbox<WizardMessage>) {
        Task.detached {
            do {
                let journal = try Journal(path: UploadEngine.Options(mappingPath: mappingPath).stateFolder + "/journal.sqlite")
                let client = GongClient(baseURL: baseURL, credentials: try Credentials.load()) { journal.record($0) }
                defer { Task { try? await client.shutdown() } }
                let report = try await Verifier(client: client, journal: journal, mappingPath: mappingPath)
                    .verify(export: session.export, exportLabel: Export.label(of: session.exportPaths), mapping: mapping, sample: 100, run: run)
                inbox.post(.verified(run: run, report))
            } catch {
                inbox.post(.notice("Cannot verify run \(run): \(error)", .error))
            }
        }
    }

    /// Asks Gong (or the emulator) for its integrations: proves the URL, the credentials and the
    /// network, and tells which integration an upload will use.
    public static func testConnection(baseURL: String, inbox: Inbox<WizardMessage>) {
        Task.detached {
            let credentials: Credentials
            do { credentials = try Credentials.load() } catch {
                inbox.post(.notice("Connection: \(error)", .error))
                return
            }
            let client = GongClient(baseURL: baseURL, credentials: credentials, maxAttempts: 2)
            do {
                let integrations = try await client.integrations()
                let text = integrations.first.map { "uploads will use integration \($0.name ?? "?") (\($0.integrationId.map(String.init) ?? "?"))" }
                    ?? "no integration yet: the first upload registers one named gongmap"
                inbox.post(.notice("Connected to \(baseURL) with \(credentials): \(text)", .ok))
            } catch {
                inbox.post(.notice("Cannot reach \(baseURL): \(error)", .error))
            }
            try? await client.shutdown()
        }
    }

    public struct UploadRequest: Sendable {
        public var baseURL: String
        public var mappingPath: String
        public var session: Session
        public var dryRun: Bool
        /// Owner of the integration when one has to be registered.
        public var ownerEmail: String
    }

    public static func upload(_ request: UploadRequest, inbox: Inbox<WizardMessage>) -> Task<Void, Never> {
        Task.detached {
            let credentials: Credentials
            do { credentials = try Credentials.load() } catch {
                inbox.post(.upload(.failed("\(error)")))
                return
            }
            var options = UploadEngine.Options(mappingPath: request.mappingPath)
            options.dryRun = request.dryRun
            options.pollSeconds = 0.5
            options.ownerEmail = request.ownerEmail
            let journal: Journal
            do { journal = try Journal(path: options.stateFolder + "/journal.sqlite") } catch {
                inbox.post(.upload(.failed("\(error)")))
                return
            }
            let client = GongClient(baseURL: request.baseURL, credentials: credentials) { event in
                if !request.dryRun { journal.record(event) }
                inbox.post(.upload(.client(event)))
            }
            do {
                let engine = UploadEngine(client: client, journal: journal, options: options) { inbox.post(.upload(.event($0))) }
                let result = try await engine.run(export: request.session.export, exportLabel: Export.label(of: request.session.exportPaths),
                                                  mapping: request.session.mapping)
                inbox.post(.upload(.finished(result)))
            } catch is CancellationError {
                inbox.post(.upload(.failed("stopped; the next upload resumes it")))
            } catch {
                inbox.post(.upload(.failed("\(error)")))
            }
            try? await client.shutdown()
        }
    }
}
