import Foundation
import KioskCore
import Synchronization

/// The real journal, counting commits (`record…` calls); it SIGKILLs the process right before or
/// right after the chosen one, as a power cut or OOM kill would at that instant.
final class KillSwitchJournal: PaymentJournal {
    let base: any PaymentJournal
    let killAfter: Int?
    let killBefore: Int?
    private let commits = Mutex(0)

    var commitCount: Int { commits.withLock { $0 } }

    init(_ base: any PaymentJournal, killAfter: Int?, killBefore: Int?) {
        self.base = base
        self.killAfter = killAfter
        self.killBefore = killBefore
    }

    private func commit(_ name: String, _ body: () async throws(KioskError) -> Void) async throws(KioskError) {
        let number = commits.withLock { count in
            count += 1
            return count
        }
        if number == killBefore { die("before commit \(number) (\(name))") }
        try await body()
        if number == killAfter { die("after commit \(number) (\(name))") }
    }

    private func die(_ point: String) -> Never {
        FileHandle.standardError.write(Data("kiosk-crash-harness: SIGKILL \(point)\n".utf8))
        kill(getpid(), SIGKILL)
        while true { pause() }
    }

    func recordIntent(_ intent: PaymentIntent) async throws(KioskError) {
        try await commit("intent") { () async throws(KioskError) in try await base.recordIntent(intent) }
    }

    func recordCardApproval(key: String, _ approval: CardApproval, at date: Date) async throws(KioskError) {
        try await commit("card approval") { () async throws(KioskError) in try await base.recordCardApproval(key: key, approval, at: date) }
    }

    func recordSubmitted(key: String, paymentID: String, at date: Date) async throws(KioskError) {
        try await commit("submitted") { () async throws(KioskError) in try await base.recordSubmitted(key: key, paymentID: paymentID, at: date) }
    }

    func recordState(key: String, _ state: JournalPaymentState, at date: Date) async throws(KioskError) {
        try await commit("state \(state.rawValue)") { () async throws(KioskError) in try await base.recordState(key: key, state, at: date) }
    }

    func recordReceipt(key: String, _ receipt: JournalReceiptState, at date: Date) async throws(KioskError) {
        try await commit("receipt \(receipt.rawValue)") { () async throws(KioskError) in try await base.recordReceipt(key: key, receipt, at: date) }
    }

    func recordReconciliation(_ report: ReconciliationReport) async throws(KioskError) {
        try await commit("reconciliation") { () async throws(KioskError) in try await base.recordReconciliation(report) }
    }

    func recordAnomaly(key: String, _ differences: [String], at date: Date) async throws(KioskError) {
        try await commit("anomaly") { () async throws(KioskError) in try await base.recordAnomaly(key: key, differences, at: date) }
    }

    func entry(key: String) async throws(KioskError) -> JournalEntry? { try await base.entry(key: key) }
    func latest(method: PaymentMethod) async throws(KioskError) -> JournalEntry? { try await base.latest(method: method) }
    func capacity() async -> JournalCapacity { await base.capacity() }
    func unresolved() async throws(KioskError) -> [JournalEntry] { try await base.unresolved() }
    func owedReceipts() async throws(KioskError) -> [JournalEntry] { try await base.owedReceipts() }
    func summary(now: Date) async throws(KioskError) -> JournalSummary { try await base.summary(now: now) }
    func purge(keeping retention: Duration, now: Date) async throws(KioskError) -> Int { try await base.purge(keeping: retention, now: now) }
}
