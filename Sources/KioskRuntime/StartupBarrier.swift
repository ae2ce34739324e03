/// Runs `action` once every listed part has said it is up: READY=1 waits for both the admin socket
/// and the resident UI, so the screen's browser (started after kioskd) finds its page.
actor StartupBarrier {
    private var waiting: Set<String>
    private let action: @Sendable () async -> Void
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The resident screen's port, once it listens.
    private(set) var screenPort: Int?

    init(parts: Set<String>, action: @escaping @Sendable () async -> Void) {
        waiting = parts
        self.action = action
    }

    func up(_ part: String) async {
        guard waiting.remove(part) != nil, waiting.isEmpty else { return }
        await action()
        for waiter in waiters { waiter.resume() }
        waiters = []
    }

    func screenListens(on port: Int) async {
        screenPort = port
        await up("ui")
    }

    /// Returns once every part is up (kioskd has said READY=1).
    func waitUntilUp() async {
        guard !waiting.isEmpty else { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
