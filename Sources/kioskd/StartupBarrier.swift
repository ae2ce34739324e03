/// Runs `action` once every listed part has said it is up: READY=1 waits for both the admin socket
/// and the resident UI, so the screen's browser (started after kioskd) finds its page.
actor StartupBarrier {
    private var waiting: Set<String>
    private let action: @Sendable () async -> Void

    init(parts: Set<String>, action: @escaping @Sendable () async -> Void) {
        waiting = parts
        self.action = action
    }

    func up(_ part: String) async {
        guard waiting.remove(part) != nil, waiting.isEmpty else { return }
        await action()
    }
}
