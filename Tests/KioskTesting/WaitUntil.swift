/// Waits (real time) until `condition` holds, checking once more after the deadline so a task
/// resumed late on a busy machine still sees what happened in time; throws naming `what` otherwise.
public func waitUntil(_ what: String, timeout: Duration = .seconds(10), poll: Duration = .milliseconds(10),
                      _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while true {
        let pastDeadline = ContinuousClock.now >= deadline
        if try await condition() { return }
        if pastDeadline { throw TestFixtureError("timed out after \(timeout) waiting until \(what)") }
        try await Task.sleep(for: poll)
    }
}
