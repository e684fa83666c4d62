import Foundation
import GongCRM
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The emulator over HTTP: every request goes to `EmulatorCore.handle`.
public enum EmulatorServer {
    /// Serves until cancelled or (with `takesSignals`) sent SIGINT/SIGTERM. `onRunning` gets the bound port (useful with port 0).
    /// Inside another program (the demo's wizard) it takes no signals: Ctrl-C and SIGTERM are the program's.
    public static func run(core: EmulatorCore, host: String, port: Int, latency: TimeInterval = 0, takesSignals: Bool = true,
                           onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "gongmap.emulator")
        logger.logLevel = .critical
        let app = Application(
            responder: EmulatorResponder(core: core, latency: latency),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "gongmap-emulator"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: takesSignals ? [.sigterm, .sigint] : [])
    }
}

/// Hummingbird's basic context plus the connection, so that a fault can drop it.
struct EmulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorContext
    let core: EmulatorCore
    let latency: TimeInterval

    /// Closes the connection without an answer. Whether the request was handled first is a coin
    /// toss: a client cannot tell the two apart, and must retry with the same clientRequestId.
    struct Dropped: Error {}

    func respond(to request: Request, context: Context) async throws -> Response {
        if latency > 0 { try await Task.sleep(nanoseconds: UInt64(latency * 1_000_000_000)) }
        // The emulator's own endpoints are instruments: faults spare them.
        let drop = core.options.droppedConnectionShare > 0 && !request.uri.path.hasPrefix("/_emulator/")
            && Double.random(in: 0..<1) < core.options.droppedConnectionShare
        if drop, Bool.random() {
            try? await context.channel.close()
            throw Dropped()
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: core.options.maxUploadBytes + 64 * 1024)
        } catch {
            return Self.response(EmulatorReply.error(413, "The request is larger than 200 MB", requestId: EmulatorCore.requestId()))
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.rawName] = field.value }
        let reply = core.handle(method: request.method.rawValue, path: request.uri.path, query: Self.query(request.uri.query),
                                headers: headers, body: Data(buffer: body))
        if drop {
            try? await context.channel.close()
            throw Dropped()
        }
        return Self.response(reply)
    }

    static func response(_ reply: EmulatorReply) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: .init(code: reply.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// `a=1&b=x%20y&a=2` → [(a, 1), (b, x y), (a, 2)].
    static func query(_ text: String?) -> [(String, String)] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            let name = parts[0].removingPercentEncoding ?? parts[0]
            let value = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
            return (name, value)
        }
    }
}
