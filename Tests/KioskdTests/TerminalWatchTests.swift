import Foundation
import KioskCore
@testable import KioskRuntime
import KioskConfig
import KioskSession
import KioskTesting
import Logging
import Synchronization
import Testing

/// The terminal watch on a test clock and a fixed wall clock: the daily settlement runs once the
/// configured time has passed (China Standard Time), once a day; the session hears when the terminal goes.
@Suite("terminal watch: health checks and the daily settlement")
struct TerminalWatchTests {
    final class CountingTerminal: PaymentTerminal {
        let settlements = Mutex(0)
        let answers = Mutex(true)

        func pay(_ request: TerminalPaymentRequest) async throws(KioskError) -> TerminalOutcome { .declined(.refused) }
        func status(of request: TerminalPaymentRequest) async throws(KioskError) -> TerminalStatus { .notFound }
        func abort(_ request: TerminalPaymentRequest) async throws(KioskError) {}
        func reverse(_ approval: CardApproval, reason: TerminalReversalReason) async throws(KioskError) -> TerminalReversal { .reversed }
        func login() async throws(KioskError) -> TerminalLogin { TerminalLogin(terminalTime: nil, status: "OK") }
        func settle() async throws(KioskError) -> TerminalSettlement {
            settlements.withLock { $0 += 1 }
            return TerminalSettlement(reconciliationID: "1000", transactionCount: 2, total: .yuan(860))
        }
        func diagnose() async throws(KioskError) -> TerminalDiagnosis {
            guard answers.withLock({ $0 }) else { throw KioskError(.terminalUnreachable, "test: unplugged") }
            return TerminalDiagnosis(status: "OK", hostReachable: true)
        }
    }

    /// 2026-12-06 at `hour:minute` China Standard Time.
    static func cst(_ hour: Int, _ minute: Int) -> Date {
        Date(timeIntervalSince1970: 1_796_486_400 + Double(hour * 3600 + minute * 60))
    }

    static func watch(_ terminal: CountingTerminal, at now: Date, clock: TestClock) -> TerminalWatch {
        var configuration = KioskConfiguration.Terminal.simulatedTerminal()
        configuration.settlementTime = "23:30"
        return TerminalWatch(terminal: terminal, configuration: configuration, journal: NoJournal(), session: nil, clock: clock,
                             wallClock: WallClock { now }, logger: Logger(label: "terminal-watch-test"))
    }

    /// Runs the watch until it sleeps on the test clock `rounds` times.
    static func runRounds(_ watch: TerminalWatch, clock: TestClock, rounds: Int) async throws {
        let task = Task { try await watch.run() }
        for round in 1...rounds {
            try await eventually("the watch sleeps on the clock (round \(round))") { clock.sleeperCount >= 1 }
            if round < rounds { clock.advance(by: TerminalWatch.healthyPause) }
        }
        task.cancel()
        _ = await task.result
    }

    /// Waits for the watch to reach its sleep; the minute is a safety net for a loaded machine (the
    /// whole suite on two cores: 10 s ran out in a full run), never a measurement.
    static func eventually(_ what: String, _ condition: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while !(await condition()) {
            guard ContinuousClock.now < deadline else { throw TestFixtureError("timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test("past 23:30 China Standard Time the day is settled once, however many checks follow; the report says so")
    func settlesOnceADay() async throws {
        let terminal = CountingTerminal()
        let clock = TestClock()
        let watch = Self.watch(terminal, at: Self.cst(23, 31), clock: clock)
        try await Self.runRounds(watch, clock: clock, rounds: 3)
        #expect(terminal.settlements.withLock { $0 } == 1)
        let report = await watch.terminalReport()
        #expect(report.lastSettlement?.transactionCount == 2 && report.lastSettlement?.totalFen == 86_000)
        #expect(report.reachable && report.loggedInAt != nil)
    }

    @Test("before the settlement time nothing is settled; an unplugged terminal is never settled and is reported with its error")
    func notYetOrUnreachable() async throws {
        let early = CountingTerminal()
        let clock = TestClock()
        try await Self.runRounds(Self.watch(early, at: Self.cst(22, 59), clock: clock), clock: clock, rounds: 2)
        #expect(early.settlements.withLock { $0 } == 0)

        let unplugged = CountingTerminal()
        unplugged.answers.withLock { $0 = false }
        let other = TestClock()
        let watch = Self.watch(unplugged, at: Self.cst(23, 45), clock: other)
        try await Self.runRounds(watch, clock: other, rounds: 1)
        #expect(unplugged.settlements.withLock { $0 } == 0)
        let report = await watch.terminalReport()
        #expect(!report.reachable)
        #expect(report.lastError?.hasPrefix("terminal.unreachable") == true)
    }
}

/// A journal with no card payments (the watch only asks for the newest one).
struct NoJournal: PaymentJournal {
    func recordIntent(_ intent: PaymentIntent) async throws(KioskError) {}
    func recordCardApproval(key: String, _ approval: CardApproval, at date: Date) async throws(KioskError) {}
    func recordSubmitted(key: String, paymentID: String, at date: Date) async throws(KioskError) {}
    func recordState(key: String, _ state: JournalPaymentState, at date: Date) async throws(KioskError) {}
    func recordReceipt(key: String, _ receipt: JournalReceiptState, at date: Date) async throws(KioskError) {}
    func recordReconciliation(_ report: ReconciliationReport) async throws(KioskError) {}
    func capacity() async -> JournalCapacity { .ready }
    func recordAnomaly(key: String, _ differences: [String], at date: Date) async throws(KioskError) {}
    func entry(key: String) async throws(KioskError) -> JournalEntry? { nil }
    func latest(method: PaymentMethod) async throws(KioskError) -> JournalEntry? { nil }
    func unresolved() async throws(KioskError) -> [JournalEntry] { [] }
    func owedReceipts() async throws(KioskError) -> [JournalEntry] { [] }
    func summary(now: Date) async throws(KioskError) -> JournalSummary { JournalSummary(unresolved: 0, owedReceipts: 0, succeededToday: 0, lastReconciliation: nil) }
    func purge(keeping retention: Duration, now: Date) async throws(KioskError) -> Int { 0 }
}
