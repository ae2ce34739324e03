import Hummingbird
import KioskCore
import Logging

/// Writes one `kioskd.audit` line (notice) for every admin request that changes something or runs a
/// test — every method but GET and HEAD — and every read that can show holder or scan data, with who
/// asked (the socket's peer credentials), what, the HTTP status and how long it took. Other reads are
/// not audited. Bodies are never logged.
struct AdminAuditResponder<Routes: HTTPResponder>: HTTPResponder where Routes.Context == BasicRequestContext {
    typealias Context = AdminRequestContext

    let routes: Routes
    let audit: Logger
    /// Times each audited request.
    let clock: any Clock<Duration>

    init(routes: Routes, audit: Logger, clock: any Clock<Duration>) {
        self.routes = routes
        self.clock = clock
        var audit = audit
        // The audit trail is not silenced by a quieter --log-level.
        if audit.logLevel > .notice { audit.logLevel = .notice }
        self.audit = audit
    }

    func respond(to request: Request, context: AdminRequestContext) async throws -> Response {
        let isRead = request.method == .get || request.method == .head
        let started = Stopwatch(clock)
        let basic = context.basic
        // A read is judged by the route the router matched (its pattern), however the path was spelt;
        // only audited requests ask the socket for the caller's credentials.
        func audit(_ status: Int) async {
            guard !isRead || AdminAuditedReads.routes.contains(basic.endpointPath ?? "") else { return }
            record(request, route: basic.endpointPath, status: status, caller: await context.peerCredentials(), since: started)
        }
        do {
            let response = try await routes.respond(to: request, context: basic)
            await audit(response.status.code)
            return response
        } catch {
            await audit((error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }

    /// The route is the router's pattern, not the request's path (Hummingbird names an unmatched
    /// one `NotFound`), so nothing a caller puts in a URL reaches the log.
    private func record(_ request: Request, route: String?, status: Int, caller: PeerCredentials?, since started: Stopwatch) {
        let milliseconds = started.elapsed.wholeMilliseconds
        audit.notice("admin action", metadata: [
            LogKey.action: "\(request.method.rawValue) \(route ?? "(no such route)")",
            LogKey.outcome: "\(status)",
            LogKey.uid: "\(caller.map { "\($0.uid)" } ?? "unknown")",
            LogKey.gid: "\(caller.map { "\($0.gid)" } ?? "unknown")",
            LogKey.pid: "\(caller.map { "\($0.pid)" } ?? "unknown")",
            LogKey.durationMilliseconds: "\(milliseconds)",
        ])
    }
}

extension AdminAuditResponder: HTTPResponderBuilder {
    func buildResponder() -> Self { self }
}

/// GET routes whose answers carry (masked) holder data or scanned codes: audited like changes.
enum AdminAuditedReads {
    static let routes: Set<String> = ["/v1/cards/read", "/v1/cards/watch", "/v1/scanner/watch"]
}
