import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Logging
import Testing

/// The proof of exactly-once against faults between kiosk and backend: the real `SessionController`
/// talks to the real sandbox through `FaultProxy`, and every single fault is put on every backend
/// call a journey makes. After each schedule the requests the proxy held are delivered (a create
/// still on its way), reconciliation runs with a direct connection, and the sandbox's ledger is
/// compared with the kiosk's journal.
@Suite("exactly once: every single fault at every backend call of a payment, through a fault-injecting proxy", .serialized)
struct ExactlyOnceExplorerTests {
    /// A journey: the pay code's last two digits choose what the sandbox's provider does.
    struct Journey: CustomStringConvertible, Sendable {
        let name: String
        /// nil: the on-screen QR, paid on the phone once shown.
        let payCode: String?
        var description: String { name }
    }

    static let journeys = [
        Journey(name: "pay code succeeding", payCode: "134567890123456700"),
        Journey(name: "pay code, the payer confirming on the phone", payCode: "134567890123456791"),
        Journey(name: "pay code declined", payCode: "134567890123456793"),
        Journey(name: "pay code never confirmed, reversed", payCode: "134567890123456792"),
        Journey(name: "on-screen QR paid on the phone", payCode: nil),
    ]

    struct Schedule: CustomStringConvertible, Sendable {
        let operation: FaultProxy.Operation
        let occurrence: Int
        let fault: FaultProxy.Fault?
        /// Further faults of the same schedule (e.g. every lookup after a lost create).
        var also: [(FaultProxy.Operation, Int, FaultProxy.Fault)] = []
        var description: String {
            let first = fault.map { "\($0.rawValue) on \(operation.rawValue)#\(occurrence)" } ?? "no fault"
            return also.isEmpty ? first : first + " and \(also.first.map { $0.2.rawValue } ?? "") on \(also.count) \(also.first.map { $0.0.rawValue } ?? "") calls after it"
        }
    }

    /// What one run left behind.
    struct Outcome {
        var calls: [FaultProxy.Operation: Int]
        var violations: [String]
    }

    @Test("every single fault at every backend call: 0 lost, 0 charged twice, every success has its receipt printed or owed, no session stuck", arguments: journeys)
    func singleFaults(journey: Journey) async throws {
        // A clean run finds the calls the journey makes; each gets every fault in turn.
        let clean = try await Self.run(journey, Schedule(operation: .other, occurrence: 0, fault: nil))
        #expect(clean.violations.isEmpty, "\(journey) without faults: \(clean.violations)")
        let schedules = clean.calls.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { operation, count in
            (1...count).flatMap { occurrence in FaultProxy.Fault.allCases.map { Schedule(operation: operation, occurrence: occurrence, fault: $0) } }
        }
        var single = schedules.filter { $0.operation != .configuration && $0.operation != .other }
        // And a lost create whose every lookup is lost too: the session must give up, close the kiosk
        // and leave the payment to reconciliation (which then runs with a working connection).
        let lookups = (1...(SessionHarness.settings().maximumPolls * 3)).map { (FaultProxy.Operation.fence, $0, FaultProxy.Fault.dropRequest) }
        single += [FaultProxy.Fault.holdPastDeadline, .dropAnswer].map { Schedule(operation: .create, occurrence: 1, fault: $0, also: lookups) }
        var broken: [String] = []
        for schedule in single {
            do {
                let outcome = try await Self.run(journey, schedule)
                broken += outcome.violations.map { "\(schedule): \($0)" }
            } catch {
                broken.append("\(schedule): \(error)")
            }
        }
        let ran = single.count
        print("exactly-once explorer: \(journey): \(ran) schedules (calls \(clean.calls.map { "\($0.key.rawValue)×\($0.value)" }.sorted().joined(separator: " "))), \(broken.count) invariant violations")
        #expect(broken.isEmpty, "\(journey):\n\(broken.joined(separator: "\n"))")
    }

    /// One schedule: a fresh sandbox, kiosk and proxy; the journey driven to its end on the test clock.
    static func run(_ journey: Journey, _ schedule: Schedule) async throws -> Outcome {
        let proxy = try FaultProxy()
        defer { proxy.stop() }
        if let fault = schedule.fault { proxy.inject(fault, on: schedule.operation, occurrence: schedule.occurrence) }
        for (operation, occurrence, fault) in schedule.also { proxy.inject(fault, on: operation, occurrence: occurrence) }
        // The whole-call deadline is short so that held and trickled calls end soon; the kiosk's
        // own retries are on, as in production.
        let session = try await SessionHarness(backendURL: proxy.url(basePath: "/kiosk/v1"), requestTimeout: .seconds(1), attempts: 3)
        proxy.forward(to: session.sandbox.port)
        let direct = try HTTPSBackendClient(settings: BackendClientSettings(url: session.sandbox.url, requestTimeout: .seconds(10)))
        do {
            let outcome = try await drive(journey, session: session, proxy: proxy, direct: direct)
            await direct.shutdown()
            await session.shutdown()
            return outcome
        } catch {
            await direct.shutdown()
            await session.shutdown()
            throw TestFixtureError("\(journey), \(schedule): \(error); proxy saw \(proxy.log)")
        }
    }

    static let ended: Set<SessionState.Kind> = [.attract, .takingReceipt, .finished, .failed, .paymentFailed, .unavailable, .outOfService]

    static func drive(_ journey: Journey, session: SessionHarness, proxy: FaultProxy, direct: HTTPSBackendClient) async throws -> Outcome {
        var violations: [String] = []
        let resident = DemoResident.zhangJianguo
        await session.send(.manualEntryChosen)
        await session.send(.identityTyped(name: resident.name, idNumber: resident.id))
        var state = try await session.waitFor("the enrollment or an end", timeout: .seconds(30)) { ended.contains($0.kind) || $0.kind == .showingEnrollment }
        if state.kind == .showingEnrollment {
            await session.send(.paymentConfirmed)
            await session.send(.methodChosen(journey.payCode == nil ? .onScreenQR : .payCode))
            state = try await session.waitFor("the pay-code screen or an end", timeout: .seconds(30)) {
                ended.contains($0.kind) || $0.kind == .awaitingPayCode || $0.kind == .showingQR || $0.kind == .resolvingSubmission
            }
            if state.kind == .awaitingPayCode, let payCode = journey.payCode {
                // The scan reaches the session through its own listener: wait for it to be taken before
                // time is driven, or the pay-code screen could time out on the test clock first.
                session.scanner.scan(payCode)
                state = try await session.waitFor("the scanned pay code taken", timeout: .seconds(30)) { $0.kind != .awaitingPayCode }
            }
        }
        var qrPaid = false
        // Every wait is driven on the test clock: polls, reversals and the maximum dwell.
        let limit = session.settings.maximumWaitSeconds / session.settings.pollIntervalSeconds + 4
        var steps = 0
        while true {
            state = await session.controller.state
            if ended.contains(state.kind), await session.controller.callsInFlight == 0 { break }
            guard steps < limit else {
                violations.append("stuck in \(state.kind) after \(steps * session.settings.pollIntervalSeconds) s of waiting")
                break
            }
            steps += 1
            // The resident pays the QR on the phone as soon as it is shown.
            if !qrPaid, case .showingQR(_, let snapshot) = state {
                qrPaid = try session.backend.simulateQRPaid(paymentID: snapshot.paymentID, channel: .wechat)
            }
            if await session.controller.runningTimers.isEmpty {
                // Waiting on a call, not on the clock: let it answer (every call has a deadline).
                try await session.eventually("a call answers", timeout: .seconds(30)) { await session.controller.callsInFlight == 0 }
                continue
            }
            try await session.advance(by: .seconds(session.settings.pollIntervalSeconds))
        }
        if state.kind == .awaitingPayCode || state.kind == .showingEnrollment { return Outcome(calls: proxy.counts, violations: violations) }

        // While anything is unresolved no second payment may be offered: the kiosk closes once the resident leaves.
        if try await !session.journal.unresolved().isEmpty {
            if [.failed, .finished, .paymentFailed].contains(state.kind) { await session.send(.doneTapped) }
            let next = await session.controller.state
            if next.kind != .outOfService { violations.append("a payment is unresolved but the kiosk is \(next.kind), not out of service") }
        }

        // A create still on its way arrives now; then reconciliation settles what the session left open.
        proxy.deliverHeld()
        let reconciler = PaymentReconciler(journal: session.journal, backend: direct, providerWindow: .zero, logger: Logger(label: "explorer") { _ in SwiftLogNoOpLogHandler() })
        for _ in 0..<3 {
            guard try await !session.journal.unresolved().isEmpty else { break }
            _ = try await reconciler.reconcile()
        }

        let person = try await direct.resolveIdentity(.typed(.init(method: "typed", idNumber: resident.id, name: resident.name)))
        let ledger = try await direct.payments(personRef: person.personRef).own
        violations += ledgerViolations(ledger, Array(await session.journal.entries.values))
        for payment in ledger where payment.status.isOpenAtProvider {
            violations.append("payment \(payment.paymentId) still \(payment.status) at the provider")
        }
        return Outcome(calls: proxy.counts, violations: violations)
    }
}

extension ExactlyOnceExplorerTests {
    /// The ledger and the journal after reconciliation: none charged twice, none lost, every success
    /// journaled succeeded with its receipt printed or owed, nothing left unresolved.
    static func ledgerViolations(_ ledger: [BackendPayment], _ entries: [JournalEntry]) -> [String] {
        var violations: [String] = []
        let succeeded = ledger.filter { $0.status == .succeeded }
        if succeeded.count > 1 { violations.append("charged twice: \(succeeded.map(\.paymentId))") }
        for payment in succeeded {
            guard let entry = entries.first(where: { $0.paymentID == payment.paymentId }) else {
                violations.append("lost: payment \(payment.paymentId) succeeded with no journal record")
                continue
            }
            if entry.state != .succeeded { violations.append("payment \(payment.paymentId) succeeded but the journal says \(entry.state)") }
            if ![.printed, .owed].contains(entry.receipt) { violations.append("payment \(payment.paymentId) has no receipt printed or owed") }
        }
        for entry in entries where !entry.state.isResolved {
            violations.append("journal entry \(entry.intent.idempotencyKey) still \(entry.state) after reconciliation")
        }
        return violations
    }
}

extension Components.Schemas.PaymentStatus {
    var isOpenAtProvider: Bool { [.pending, .userPaying, .unknown].contains(self) }
}
