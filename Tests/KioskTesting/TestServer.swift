import Logging
import ServiceLifecycle

/// A server a test runs on a free loopback port and stops gracefully.
public final class TestServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// `make` gets the callback its server calls with the port it bound.
    public init(_ make: (@escaping @Sendable (Int) async -> Void) throws -> any Service) async throws {
        let ports = AsyncStream.makeStream(of: Int.self)
        let service = try make { ports.continuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test-server")))
        self.group = group
        task = Task {
            defer { ports.continuation.finish() }
            try await group.run()
        }
        var iterator = ports.stream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw TestFixtureError("the test server stopped before listening: \(String(describing: await task.result))")
        }
        self.port = port
    }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
