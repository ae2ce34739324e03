import Foundation
import KioskCore

extension SessionController: ResidentScreenSource {
    public nonisolated var sessionSettings: SessionSettings { settingsMirror.withLock { $0 } }

    /// Settings from a configuration update. Taken only between residents: false while one is being
    /// served (the caller waits for the session to end and asks again).
    public func replaceSettings(_ new: SessionSettings) -> Bool {
        guard machine.replaceSettings(new) else { return false }
        settings = new
        settingsMirror.withLock { $0 = new }
        return true
    }

    public func screenUpdates() -> AsyncStream<ScreenUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: ScreenUpdate.self, bufferingPolicy: .bufferingNewest(16))
        continuation.yield(screenUpdate)
        if case .stopped = machine.state {
            continuation.finish()
            return stream
        }
        let id = UUID()
        screenObservers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeScreenObserver(id) }
        }
        return stream
    }

    public func residentTouched(_ event: SessionEvent) {
        send(event)
    }

    var screenUpdate: ScreenUpdate {
        ScreenUpdate(state: machine.state, actions: ResidentAction.offered(by: machine), enteredAt: stateEnteredAt)
    }

    func publishScreen() {
        guard !screenObservers.isEmpty else { return }
        let update = screenUpdate
        for observer in screenObservers.values { observer.yield(update) }
        if case .stopped = update.state {
            for observer in screenObservers.values { observer.finish() }
            screenObservers = [:]
        }
    }

    func removeScreenObserver(_ id: UUID) {
        screenObservers[id] = nil
    }
}
