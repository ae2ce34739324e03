/// How following a print job ended.
public enum PrintJobEnding: Sendable, Equatable {
    case completed
    /// The printer ended the job without printing it: canceled or aborted at the printer.
    case failedAtPrinter(PrintJobState, PrintJobObservation)
    /// The job was still unfinished at the deadline (it has been cancelled). `silence` says why the
    /// last look found nothing, when it did.
    case overdue(last: PrintJobObservation?, silence: String?)
    /// The kiosk stopped waiting (its task was cancelled); the job has been cancelled.
    case abandoned(lastState: PrintJobState?)
}

/// What following a print job asks of its transport and its owner.
public enum PrintJobAction: Sendable, Equatable {
    /// Ask the printer about the job (Get-Job-Attributes, then the printer's state), giving up after `within`.
    case observe(within: Duration)
    case wait(Duration)
    /// The job's state as the printer reported it, for diagnostics.
    case record(PrintJobState, reasons: [String])
    case cancelJob
    case end(PrintJobEnding)
}

/// Following one submitted print job until the printer reports it final or `timeout` passes,
/// without its I/O: the owner performs each action and feeds back the answer and the time elapsed
/// since printing started. Polling starts at 5 ms and doubles to at most 20 ms: the resident
/// waits for "take your receipt" on this, and a poll is one small IPP request to the (usually
/// local) printer. A failed poll is not the end — the job may still print — only the deadline is.
public struct PrintJobFollower: Sendable {
    public let timeout: Duration
    private var pause = PrintJobFollower.firstPause
    private var last: PrintJobObservation?
    private var silence: String?
    private var ended = false

    public static let firstPause = Duration.milliseconds(5)
    public static let longestPause = Duration.milliseconds(20)
    /// A look taken this close to the deadline had no time to get an answer: its silence says nothing.
    public static let lastMoment = Duration.milliseconds(50)

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// The job has been submitted; `now` is the time elapsed since printing started (the timeout
    /// counts from there: submitting took part of it).
    public mutating func submitted(now: Duration) -> [PrintJobAction] {
        waited(now: now)
    }

    /// The answer to `.observe` asked at `askedAt`, nil when none came within the time given;
    /// `now` is the time elapsed since printing started.
    public mutating func observed(_ answer: Result<PrintJobObservation, KioskError>?, askedAt: Duration, now: Duration) -> [PrintJobAction] {
        guard !ended else { return [] }
        switch answer {
        case nil:
            if timeout - askedAt > Self.lastMoment { silence = "the printer stopped answering" }
            return overdue()
        case .failure(let failure)?:
            silence = "the printer stopped answering: \(failure.message)"
        case .success(let seen)?:
            silence = nil
            last = seen
            if let state = seen.state {
                let recorded = PrintJobAction.record(state, reasons: seen.reasons)
                if state == .completed { return finish(recorded, .completed) }
                if state.isFinal { return finish(recorded, .failedAtPrinter(state, seen)) }
                return [recorded] + waitOrEnd(now)
            }
        }
        return waitOrEnd(now)
    }

    /// The `.wait` is over; `now` is the time elapsed since printing started.
    public mutating func waited(now: Duration) -> [PrintJobAction] {
        guard !ended else { return [] }
        let remaining = timeout - now
        return remaining > .zero ? [.observe(within: remaining)] : overdue()
    }

    /// The kiosk stops waiting for the job (its task was cancelled).
    public mutating func abandon() -> [PrintJobAction] {
        guard !ended else { return [] }
        ended = true
        return [.cancelJob, .end(.abandoned(lastState: last?.state))]
    }

    private mutating func waitOrEnd(_ now: Duration) -> [PrintJobAction] {
        let remaining = timeout - now
        guard remaining > .zero else { return overdue() }
        defer { pause = min(pause * 2, Self.longestPause) }
        return [.wait(min(pause, remaining))]
    }

    private mutating func overdue() -> [PrintJobAction] {
        ended = true
        return [.cancelJob, .end(.overdue(last: last, silence: silence))]
    }

    private mutating func finish(_ recorded: PrintJobAction, _ ending: PrintJobEnding) -> [PrintJobAction] {
        ended = true
        return [recorded, .end(ending)]
    }
}
