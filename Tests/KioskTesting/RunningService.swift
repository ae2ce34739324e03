import Logging
import ServiceLifecycle

/// Runs `service` in a service group around `body`, then shuts it down gracefully and waits for it,
/// also when `body` throws.
public func whileRunning<Result>(_ service: some Service, logger: Logger, _ body: () async throws -> Result) async throws -> Result {
    let group = ServiceGroup(services: [service], logger: logger)
    let running = Task { try await group.run() }
    do {
        let result = try await body()
        await group.triggerGracefulShutdown()
        try await running.value
        return result
    } catch {
        await group.triggerGracefulShutdown()
        _ = await running.result
        throw error
    }
}
