import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskSimulators
import KioskTesting
import Logging
import Testing

/// Exactly once with the card: the real `SessionController` pays at the virtual PIN pad (nexo over
/// HTTPS) and records at the real sandbox through `FaultProxy`. Every terminal fault is combined with
/// every backend fault at every backend call the card journey makes. After each schedule the held
/// requests arrive, reconciliation runs (terminal and a direct backend connection), and the money the
/// pad kept is compared with the backend's ledger and the kiosk's journal.
@Suite("exactly once with the card: every terminal fault × every backend fault at every backend call", .serialized, .timeLimit(.minutes(20)))
struct CardExactlyOnceExplorerTests {
    /// What the terminal does to the payment.
    enum TerminalFault: String, CaseIterable, Sendable {
        case none, busy, answerLostAfterApproval, answerLost, restartMidTransaction, neverAnswers, inProgress, declineReversal

        var injected: SimulatedTerminalFault? {
            switch self {
            case .none: nil
            case .busy: .busy
            case .answerLostAfterApproval: .answerLostAfterApproval
            case .answerLost: .answerLost
            case .restartMidTransaction: .restartMidTransaction
            case .neverAnswers: .neverAnswers
            case .inProgress: .inProgressFor(.milliseconds(300))
            case .declineReversal: .declineReversal
            }
        }
    }

    /// The resident at the PIN pad.
    enum Cardholder: String, CaseIterable, Sendable {
        case pays, insufficientFunds
        /// Pays after the same contribution was paid elsewhere meanwhile: the backend refuses the card,
        /// which the kiosk gives back at the terminal (`PaidElsewhere`).
        case paysAfterPaidElsewhere

        /// What the pad plays by itself; nil for the cardholder the test plays.
        var script: SimulatedCardholder? {
            switch self {
            case .pays: .pays(.unionPayDebit)
            case .insufficientFunds: .pays(.insufficientFunds)
            case .paysAfterPaidElsewhere: nil
            }
        }
    }

    struct Schedule: CustomStringConvertible, Sendable {
        let cardholder: Cardholder
        let terminal: TerminalFault
        let backend: (operation: FaultProxy.Operation, occurrence: Int, fault: FaultProxy.Fault)?
        var description: String {
            "\(cardholder.rawValue), terminal \(terminal.rawValue), " + (backend.map { "\($0.fault.rawValue) on \($0.operation.rawValue)#\($0.occurrence)" } ?? "no backend fault")
        }
    }

    struct Outcome {
        var calls: [FaultProxy.Operation: Int]
        var violations: [String]
        /// Payments given back at the pad.
        var reversals: Int
    }

    @Test("terminal faults × backend faults: 0 lost, 0 charged twice, the pad keeps exactly what the backend recorded, one receipt per recording")
    func explore() async throws {
        var schedules: [Schedule] = []
        for cardholder in Cardholder.allCases {
            for terminal in TerminalFault.allCases {
                let clean = try await Self.run(Schedule(cardholder: cardholder, terminal: terminal, backend: nil))
                #expect(clean.violations.isEmpty, "\(cardholder) with terminal \(terminal), no backend fault: \(clean.violations)")
                for (operation, count) in clean.calls where [.create, .query, .fence, .receipt].contains(operation) {
                    for occurrence in 1...count {
                        schedules += FaultProxy.Fault.allCases.map { Schedule(cardholder: cardholder, terminal: terminal, backend: (operation, occurrence, $0)) }
                    }
                }
            }
        }
        var broken: [String] = []
        for schedule in schedules {
            do {
                broken += try await Self.run(schedule).violations.map { "\(schedule): \($0)" }
            } catch {
                broken.append("\(schedule): \(error)")
            }
        }
        let byCardholder = Cardholder.allCases.map { cardholder in "\(cardholder.rawValue) \(schedules.filter { $0.cardholder == cardholder }.count)" }
        print("card exactly-once explorer: \(schedules.count) schedules with a backend fault (\(byCardholder.joined(separator: ", ")); after \(Cardholder.allCases.count * TerminalFault.allCases.count) clean ones), \(broken.count) invariant violations")
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    static func run(_ schedule: Schedule) async throws -> Outcome {
        let proxy = try FaultProxy()
        defer { proxy.stop() }
        if let backend = schedule.backend { proxy.inject(backend.fault, on: backend.operation, occurrence: backend.occurrence) }
        let stack = try await NexoTerminalStack.start(paymentTimeout: .seconds(1))
        if let fault = schedule.terminal.injected { await stack.pad.inject(fault) }
        if let script = schedule.cardholder.script { await stack.pad.enqueueCardholder(script) }
        let session = try await SessionHarness(
            settings: SessionHarness.settings(methods: [.payCode, .card]), backendURL: proxy.url(basePath: "/kiosk/v1"),
            requestTimeout: .seconds(1), attempts: 3, terminal: stack.terminal
        )
        proxy.forward(to: session.sandbox.port)
        let direct = try HTTPSBackendClient(settings: BackendClientSettings(url: session.sandbox.url, requestTimeout: .seconds(10)))
        let resident = DemoResident.zhangJianguo
        let elsewhere = schedule.cardholder != .paysAfterPaidElsewhere ? nil : Task {
            try await PaidElsewhere.cardholder(at: stack.pad, idNumber: resident.id, name: resident.name, year: session.settings.insuranceYear, backend: direct)
        }
        defer { elsewhere?.cancel() }
        do {
            var outcome = try await drive(session: session, proxy: proxy, direct: direct, stack: stack, elsewhere: elsewhere)
            let approves: [TerminalFault] = [.none, .answerLostAfterApproval, .answerLost, .neverAnswers, .inProgress, .declineReversal]
            if schedule.cardholder == .paysAfterPaidElsewhere, schedule.backend == nil, approves.contains(schedule.terminal), outcome.reversals != 1 {
                outcome.violations.append("the card the backend refused was not given back at the terminal")
            }
            await direct.shutdown()
            await session.shutdown()
            await stack.stop()
            return outcome
        } catch {
            await direct.shutdown()
            await session.shutdown()
            await stack.stop()
            throw TestFixtureError("\(schedule): \(error); proxy saw \(proxy.log)")
        }
    }

    static func drive(session: SessionHarness, proxy: FaultProxy, direct: HTTPSBackendClient, stack: NexoTerminalStack,
                      elsewhere: Task<Void, any Error>?) async throws -> Outcome {
        var violations: [String] = []
        let resident = DemoResident.zhangJianguo
        let ended = ExactlyOnceExplorerTests.ended
        await session.send(.manualEntryChosen)
        await session.send(.identityTyped(name: resident.name, idNumber: resident.id))
        var state = try await session.waitFor("the enrollment or an end", timeout: .seconds(30)) { ended.contains($0.kind) || $0.kind == .showingEnrollment }
        if state.kind == .showingEnrollment {
            await session.send(.paymentConfirmed)
            await session.send(.methodChosen(.card))
            state = try await session.waitFor("the terminal or an end", timeout: .seconds(30)) { ended.contains($0.kind) || $0.kind != .choosingMethod && $0.kind != .checkingPrinter && $0.kind != .journalingIntent }
        }
        let limit = session.settings.maximumWaitSeconds / session.settings.pollIntervalSeconds + 8
        var steps = 0
        while true {
            state = await session.controller.state
            if ended.contains(state.kind), await session.controller.callsInFlight == 0 { break }
            guard steps < limit else {
                violations.append("stuck in \(state.kind) after \(steps * session.settings.pollIntervalSeconds) s of waiting")
                break
            }
            steps += 1
            if await session.controller.runningTimers.isEmpty {
                try await session.eventually("a call answers", timeout: .seconds(30)) { await session.controller.callsInFlight == 0 }
                continue
            }
            try await session.advance(by: .seconds(session.settings.pollIntervalSeconds))
        }
        if try await !session.journal.unresolved().isEmpty {
            if [.failed, .finished, .paymentFailed].contains(state.kind) { await session.send(.doneTapped) }
            let next = await session.controller.state
            if next.kind != .outOfService { violations.append("a payment is unresolved but the kiosk is \(next.kind), not out of service") }
        }

        // The resident paid elsewhere by now if the pad ever asked for the card; if it never did, they never will.
        elsewhere?.cancel()
        if case .failure(let error) = await elsewhere?.result, !(error is CancellationError) {
            violations.append("paying elsewhere failed: \(error)")
        }
        proxy.deliverHeld()
        let reconciler = PaymentReconciler(
            journal: session.journal, backend: direct, providerWindow: .zero, logger: Logger(label: "explorer") { _ in SwiftLogNoOpLogHandler() },
            cards: PaymentReconciler.CardPaymentSettlement(terminal: stack.terminal, kioskID: SessionHarness.kioskID)
        )
        for _ in 0..<5 {
            guard try await !session.journal.unresolved().isEmpty else { break }
            _ = try await reconciler.reconcile()
            // A payment still at the pad (in progress) finishes on its own; the next pass asks again.
            try await Task.sleep(for: .milliseconds(100))
        }

        let person = try await direct.resolveIdentity(.typed(.init(method: "typed", idNumber: resident.id, name: resident.name)))
        let ledger = try await direct.payments(personRef: person.personRef).own
        // A payment elsewhere is by pay code: the pad must keep exactly what the backend holds as paid by card.
        let cards = ledger.filter { $0.method == .card }
        let recorded = cards.filter { $0.status == .succeeded }.reduce(Money.zero) { $0 + Money(fen: $1.amountFen) }
        let kept = await stack.pad.charged
        if kept != recorded { violations.append("the pad kept \(kept) but the backend recorded \(recorded)") }
        if await stack.pad.transactions.filter({ $0.state == .approved }).count > 1 { violations.append("the card was charged twice at the pad") }
        if ledger.filter({ $0.status == .succeeded }).count > 1 { violations.append("paid twice: \(ledger.map(\.paymentId))") }
        violations += ExactlyOnceExplorerTests.ledgerViolations(cards, Array(await session.journal.entries.values))
        let reversals = await stack.pad.transactions.filter { $0.state == .reversed }.count
        return Outcome(calls: proxy.counts, violations: violations, reversals: reversals)
    }
}
