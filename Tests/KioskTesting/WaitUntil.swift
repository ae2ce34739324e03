/// The tests' one way to wait for something outside their control (a process, a stack, a socket):
/// real time, polled, with a deadline that is a safety net rather than a measurement. Time the code
/// under test measures itself is driven with a `TestClock` instead.

/// Waits until `condition` holds, checking once more after the deadline so a task resumed late on a
/// busy machine still sees what happened in time; throws naming `what` otherwise.
public func waitUntil(_ what: String, timeout: Duration = .seconds(10), poll: Duration = .milliseconds(10),
                      _ condition: () async throws -> Bool) async throws {
    guard try await eventually(within: timeout, poll: poll, condition) else {
        throw TestFixtureError("timed out after \(timeout) waiting until \(what)")
    }
}

/// Whether `condition` comes to hold within `timeout` (checked once more after the deadline).
public func eventually(within timeout: Duration = .seconds(10), poll: Duration = .milliseconds(10),
                       _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        let pastDeadline = ContinuousClock.now >= deadline
        if try await condition() { return true }
        if pastDeadline { return false }
        try? await Task.sleep(for: poll)
    }
}

/// The value of `operation`, or a failure naming `what` when it takes longer than `timeout` (a hang
/// must fail the test, not the run). `operation` must end when cancelled.
public func within<T: Sendable>(_ timeout: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TestFixtureError("\(what): nothing within \(timeout)") }
        return value
    }
}
