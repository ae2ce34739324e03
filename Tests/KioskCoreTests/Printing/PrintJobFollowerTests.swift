import KioskCore
import Testing

/// Every state of following a print job against every answer: polling, pauses, the deadline,
/// silence, the printer's own ending, and the kiosk giving up.
@Suite("print job follower")
struct PrintJobFollowerTests {
    static let timeout = Duration.seconds(10)
    static let processing = PrintJobObservation(state: .processing)
    static let paperOut = PrintJobObservation(state: .processing, printer: IPPPrinterState(state: 4, reasons: ["media-empty"], makeAndModel: "Test"))
    static let unanswered = KioskError(.printFailed, "Get-Job-Attributes failed: Connection refused")

    @Test("submitted: the job is looked at at once, within the time left; submitted after the deadline it is cancelled as overdue")
    func submitted() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        #expect(follower.submitted(now: .milliseconds(300)) == [.observe(within: Self.timeout - .milliseconds(300))])
        var late = PrintJobFollower(timeout: Self.timeout)
        #expect(late.submitted(now: Self.timeout) == [.cancelJob, .end(.overdue(last: nil, silence: nil))])
    }

    @Test("an unfinished job is recorded and looked at again after 5, 10, 20, 20 ms; completed ends it")
    func pollsUntilCompleted() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        _ = follower.submitted(now: .zero)
        var now = Duration.zero
        for pause in [5, 10, 20, 20].map(Duration.milliseconds) {
            #expect(follower.observed(.success(Self.processing), askedAt: now, now: now) == [.record(.processing, reasons: []), .wait(pause)])
            now += pause
            #expect(follower.waited(now: now) == [.observe(within: Self.timeout - now)])
        }
        let done = PrintJobObservation(state: .completed, reasons: ["job-completed-successfully"])
        #expect(follower.observed(.success(done), askedAt: now, now: now) == [.record(.completed, reasons: ["job-completed-successfully"]), .end(.completed)])
        #expect(follower.waited(now: now) == [], "nothing follows the end")
        #expect(follower.abandon() == [])
    }

    @Test("aborted or canceled at the printer ends it with what the printer said; a job with no state is looked at again")
    func failedAtPrinter() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        _ = follower.submitted(now: .zero)
        #expect(follower.observed(.success(PrintJobObservation(state: nil)), askedAt: .zero, now: .zero) == [.wait(.milliseconds(5))])
        let aborted = PrintJobObservation(state: .aborted, reasons: ["aborted-by-system"], printer: Self.paperOut.printer)
        #expect(follower.observed(.success(aborted), askedAt: .zero, now: .zero) == [.record(.aborted, reasons: ["aborted-by-system"]), .end(.failedAtPrinter(.aborted, aborted))])
        var canceled = PrintJobFollower(timeout: Self.timeout)
        _ = canceled.submitted(now: .zero)
        #expect(canceled.observed(.success(PrintJobObservation(state: .canceled)), askedAt: .zero, now: .zero).last == .end(.failedAtPrinter(.canceled, PrintJobObservation(state: .canceled))))
    }

    @Test("a failed look is not the end; at the deadline the job is cancelled as overdue, with the last state seen and why the printer was silent")
    func overdueAfterSilence() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        _ = follower.submitted(now: .zero)
        _ = follower.observed(.success(Self.paperOut), askedAt: .zero, now: .zero)
        #expect(follower.observed(.failure(Self.unanswered), askedAt: .seconds(1), now: .seconds(1)) == [.wait(.milliseconds(10))])
        #expect(follower.waited(now: Self.timeout) == [.cancelJob, .end(.overdue(last: Self.paperOut, silence: "the printer stopped answering: \(Self.unanswered.message)"))])
    }

    @Test("an answer clears the silence: overdue then says the printer's state, not that it stopped answering")
    func answerClearsSilence() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        _ = follower.submitted(now: .zero)
        _ = follower.observed(.failure(Self.unanswered), askedAt: .zero, now: .zero)
        #expect(follower.observed(.success(Self.paperOut), askedAt: .seconds(9), now: Self.timeout) == [.record(.processing, reasons: []), .cancelJob, .end(.overdue(last: Self.paperOut, silence: nil))])
    }

    @Test("no answer in time: silence when the look was asked well before the deadline, none when at the last moment")
    func noAnswer() {
        var early = PrintJobFollower(timeout: Self.timeout)
        _ = early.submitted(now: .zero)
        #expect(early.observed(nil, askedAt: .seconds(1), now: Self.timeout) == [.cancelJob, .end(.overdue(last: nil, silence: "the printer stopped answering"))])
        var late = PrintJobFollower(timeout: Self.timeout)
        _ = late.submitted(now: .zero)
        _ = late.observed(.success(Self.processing), askedAt: .zero, now: .zero)
        let lastMoment = Self.timeout - PrintJobFollower.lastMoment
        #expect(late.observed(nil, askedAt: lastMoment, now: Self.timeout) == [.cancelJob, .end(.overdue(last: Self.processing, silence: nil))])
    }

    @Test("the last pause is cut to the time left")
    func pauseCutToDeadline() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        _ = follower.submitted(now: .zero)
        let now = Self.timeout - .milliseconds(2)
        #expect(follower.observed(.success(Self.processing), askedAt: now, now: now) == [.record(.processing, reasons: []), .wait(.milliseconds(2))])
    }

    @Test("the kiosk giving up cancels the job once, naming the state it was last in")
    func abandoned() {
        var follower = PrintJobFollower(timeout: Self.timeout)
        _ = follower.submitted(now: .zero)
        _ = follower.observed(.success(Self.processing), askedAt: .zero, now: .zero)
        #expect(follower.abandon() == [.cancelJob, .end(.abandoned(lastState: .processing))])
        #expect(follower.abandon() == [])
        #expect(follower.observed(.success(PrintJobObservation(state: .completed)), askedAt: .zero, now: .zero) == [])
    }
}
