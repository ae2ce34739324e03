import KioskCore

/// One request at a time, in arrival order: nexo lets a sale system have only one message
/// outstanding with a terminal (Abort excepted), and a GA 467 SAM must not see a "find card" between
/// the select and the read of another command sequence.
actor RequestGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws(KioskError) -> T) async throws(KioskError) -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
