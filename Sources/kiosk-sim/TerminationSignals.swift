import Glibc

/// SIGTERM and SIGINT, blocked so that they can be waited for. Block them before any other thread
/// starts: threads inherit the mask, and a thread that does not block them would let the default
/// action kill the process without the card being removed cleanly.
struct TerminationSignals {
    private var signals = sigset_t()

    static func block() -> TerminationSignals {
        var blocked = TerminationSignals()
        sigemptyset(&blocked.signals)
        sigaddset(&blocked.signals, SIGTERM)
        sigaddset(&blocked.signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &blocked.signals, nil)
        return blocked
    }

    /// Waits for a signal while `keepWaiting` holds (checked every 100 ms); returns the signal, or
    /// nil when `keepWaiting` turned false.
    func wait(while keepWaiting: () -> Bool) -> Int32? {
        var pending = signals
        while keepWaiting() {
            var timeout = timespec(tv_sec: 0, tv_nsec: 100_000_000)
            let signal = sigtimedwait(&pending, nil, &timeout)
            if signal > 0 { return signal }
        }
        return nil
    }
}
