import Hummingbird
import Synchronization

/// The demo's "take the backend down" switch: while it is on, every contract call answers 503, as a
/// provincial system under maintenance does. The sandbox's own controls keep working.
public final class SandboxOutage: Sendable {
    private let down = Mutex(false)

    public init() {}

    public var isDown: Bool {
        get { down.withLock { $0 } }
        set { down.withLock { $0 = newValue } }
    }
}

struct SandboxOutageMiddleware<Context: RequestContext>: RouterMiddleware {
    let outage: SandboxOutage

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if outage.isDown, request.uri.path.hasPrefix(SandboxServer.basePath) {
            throw HTTPError(.serviceUnavailable, message: "the sandbox backend has been taken down (demo control)")
        }
        return try await next(request, context)
    }
}
