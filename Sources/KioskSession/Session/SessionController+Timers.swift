import KioskCore

extension SessionController {
    func startTimer(_ kind: TimerKind, seconds: Int, generation: Int) {
        timerTasks[kind]?.cancel()
        let clock = clock
        timerTasks[kind] = Task { [weak self] in
            do {
                try await clock.sleep(for: .seconds(seconds))
            } catch {
                return
            }
            await self?.send(.timerFired(kind, generation: generation))
        }
    }

    func cancelTimer(_ kind: TimerKind) {
        timerTasks[kind]?.cancel()
        timerTasks[kind] = nil
    }
}
