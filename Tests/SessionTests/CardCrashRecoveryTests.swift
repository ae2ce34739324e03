import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskSimulators
import KioskTesting
import Testing

/// A card payment killed (SIGKILL) right before or after each of its journal commits, then recovered:
/// `kiosk-crash-harness` pays through the kiosk's SessionController at the virtual PIN pad, which runs
/// in this process and outlives the kill, as a terminal on the LAN does; `--recover` is the next start.
/// The money the pad kept, the backend's ledger and the journal must agree, with one receipt per payment.
@Suite("crash recovery with the card: SIGKILL at every journal commit, then recovery", .serialized, .timeLimit(.minutes(60)))
struct CardCrashRecoveryTests {
    /// intent, card approval, submitted, succeeded, receipt printed.
    static let commits = 5
    /// intent, card approval, reversed: the backend refused the card (paid elsewhere meanwhile).
    static let reversalCommits = 3
    /// How long the harness waits for the terminal's answer to a Payment (a terminal that never
    /// answers is then asked about it): short, so that `.neverAnswers` runs in seconds.
    static let paymentTimeoutSeconds = 2

    /// What the resident does at the PIN pad.
    enum AtThePad: CustomStringConvertible {
        /// The pad plays the script by itself.
        case plays(SimulatedCardholder)
        /// Pays by card after the same contribution was paid elsewhere meanwhile: the backend refuses
        /// to record the card, and the kiosk gives the charge back at the terminal.
        case paysAfterPaidElsewhere

        var description: String {
            switch self {
            case .plays(let script): "\(script)"
            case .paysAfterPaidElsewhere: "pays after the contribution was paid elsewhere"
            }
        }

        /// Its journal commits when nothing goes wrong (a paying resident).
        var commits: Int {
            switch self {
            case .plays: CardCrashRecoveryTests.commits
            case .paysAfterPaidElsewhere: CardCrashRecoveryTests.reversalCommits
            }
        }

        /// Terminal behaviours that change what happens: a refused Reversal only where there is a reversal.
        var behaviours: [SimulatedTerminalFault?] {
            let payment: [SimulatedTerminalFault?] = [nil, .answerLostAfterApproval, .answerLost, .restartMidTransaction, .busy, .neverAnswers,
                                                      .inProgressFor(.milliseconds(200))]
            switch self {
            case .plays: return payment
            case .paysAfterPaidElsewhere: return payment + [.declineReversal]
            }
        }

        /// The backend calls the journey makes: the card's create, and the receipt once it is recorded.
        var operations: [FaultProxy.Operation] {
            switch self {
            case .plays: [.create, .receipt]
            case .paysAfterPaidElsewhere: [.create]
            }
        }
    }

    static func killPoints(_ commits: Int) -> [CrashRecoveryTests.KillPoint] {
        (1...commits).flatMap { [CrashRecoveryTests.KillPoint.before($0), .after($0)] }
    }

    @Test("an uninterrupted card payment makes 5 commits (3 when the backend refuses it); every kill point before and after each is recovered: the pad keeps exactly what the backend recorded")
    func everyKillPoint() async throws {
        let harness = try RepositoryPaths.requiredBinary("kiosk-crash-harness")
        var runs = 0
        for atThePad in [AtThePad.plays(.pays(.unionPayDebit)), .paysAfterPaidElsewhere] {
            let baseline = try await run(killPoint: nil, atThePad, harness: harness)
            #expect(baseline.contains("commits=\(atThePad.commits)"), "\(atThePad), uninterrupted run: \(baseline)")
            runs += 1
        }
        // A declined card: intent, abandoned.
        for point in [nil, CrashRecoveryTests.KillPoint.before(2), .after(1)] {
            _ = try await run(killPoint: point, .plays(.pays(.insufficientFunds)), harness: harness)
            runs += 1
        }
        // Each terminal behaviour at every kill point: those that leave the answer unknown or late, and
        // (where the card is given back) a refused Reversal.
        for atThePad in [AtThePad.plays(.pays(.unionPayDebit)), .paysAfterPaidElsewhere] {
            let points = Self.killPoints(atThePad.commits)
            for behaviour in atThePad.behaviours {
                for point in [nil] + points where behaviour != nil || point != nil {
                    _ = try await run(killPoint: point, atThePad, fault: behaviour, harness: harness)
                    runs += 1
                }
            }
        }
        print("card crash recovery: \(runs) runs (every kill point × every terminal behaviour, for a recorded and for a refused card)")
    }

    /// The three dimensions at once: a terminal behaviour, a backend fault on one of the card's backend
    /// calls (through `FaultProxy`), and a kill point; for a card the backend records, and for one it
    /// refuses. `make test` runs a seeded sample; `make soak` (KIOSK_SOAK=1) all of them.
    @Test("terminal behaviours × backend faults × kill points: the pad keeps exactly what the backend recorded, one receipt per recording")
    func threeDimensions() async throws {
        let harness = try RepositoryPaths.requiredBinary("kiosk-crash-harness")
        var all: [(AtThePad, SimulatedTerminalFault?, FaultProxy.Operation, FaultProxy.Fault, CrashRecoveryTests.KillPoint?)] = []
        for atThePad in [AtThePad.plays(.pays(.unionPayDebit)), .paysAfterPaidElsewhere] {
            let points: [CrashRecoveryTests.KillPoint?] = [nil] + Self.killPoints(atThePad.commits)
            for behaviour in atThePad.behaviours {
                for operation in atThePad.operations {
                    for fault in FaultProxy.Fault.allCases {
                        all += points.map { (atThePad, behaviour, operation, fault, $0) }
                    }
                }
            }
        }
        var generator = SplitMix64(seed: FaultKillExplorerTests.seed)
        let chosen = FaultKillExplorerTests.soak ? all : Array(all.shuffled(using: &generator).prefix(16))
        for (atThePad, behaviour, operation, fault, point) in chosen {
            _ = try await run(killPoint: point, atThePad, fault: behaviour, backendFault: (operation, fault), harness: harness)
        }
        print("card crash recovery, three dimensions: \(chosen.count) of \(all.count) combinations (seed \(FaultKillExplorerTests.seed)\(FaultKillExplorerTests.soak ? ", all" : ""))")
    }

    private func run(killPoint: CrashRecoveryTests.KillPoint?, _ atThePad: AtThePad, fault: SimulatedTerminalFault? = nil,
                     backendFault: (FaultProxy.Operation, FaultProxy.Fault)? = nil, harness: String) async throws -> String {
        let label = "\(atThePad), terminal \(fault.map { "\($0)" } ?? "sound"), "
            + "\(backendFault.map { "\($0.1.rawValue) on \($0.0.rawValue)" } ?? "no backend fault"), \(killPoint.map(\.description) ?? "no kill")"
        let directory = try TemporaryDirectory(prefix: "cardcrash")
        defer { directory.remove() }
        let stack = try await NexoTerminalStack.start()
        let sandbox = try await SandboxProcess(directory: directory)
        let proxy = try FaultProxy()
        defer { proxy.stop() }
        if let port = URL(string: sandbox.url)?.port { proxy.forward(to: port) }
        if let backendFault { proxy.inject(backendFault.1, on: backendFault.0, occurrence: 1) }
        let client = try HTTPSBackendClient(settings: BackendClientSettings(url: sandbox.url, connectTimeout: .seconds(2), requestTimeout: .seconds(5)))
        var elsewhere: Task<Void, any Error>?
        do {
            switch atThePad {
            case .plays(let script):
                await stack.pad.enqueueCardholder(script)
            case .paysAfterPaidElsewhere:
                let resident = CrashRecoveryTests.resident
                elsewhere = Task {
                    try await PaidElsewhere.cardholder(at: stack.pad, idNumber: resident.idNumber, name: resident.name, year: 2021, backend: client)
                }
            }
            if let fault { await stack.pad.inject(fault) }
            let output = try await exercise(killPoint, label: label, harness: harness, sandbox: sandbox, proxy: backendFault == nil ? nil : proxy,
                                            client: client, stack: stack, directory: directory, elsewhere: elsewhere)
            await client.shutdown()
            await sandbox.stop()
            await stack.stop()
            return output
        } catch {
            elsewhere?.cancel()
            await client.shutdown()
            await sandbox.stop()
            await stack.stop()
            throw error
        }
    }

    private func exercise(
        _ killPoint: CrashRecoveryTests.KillPoint?, label: String, harness: String, sandbox: SandboxProcess, proxy: FaultProxy?,
        client: HTTPSBackendClient, stack: NexoTerminalStack, directory: TemporaryDirectory, elsewhere: Task<Void, any Error>?
    ) async throws -> String {
        let key = "kiosk" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let journalPath = directory.file("journal/journal.sqlite")
        let receiptsPath = directory.file("receipts.txt")
        let root = try directory.write("terminal-root.pem", stack.credentials.rootPEM)
        let terminal = ["--terminal-address", "127.0.0.1:\(stack.server.port)", "--terminal-root", root, "--terminal-name", NexoTerminalStack.certificateName,
                        "--terminal-poiid", NexoTerminalStack.poiID, "--terminal-passphrase", stack.credentials.passphrase,
                        "--terminal-payment-timeout", "\(Self.paymentTimeoutSeconds)"]
        let files = ["--journal", journalPath, "--receipts", receiptsPath] + terminal
        let common = ["--backend", sandbox.url] + files
        let resident = CrashRecoveryTests.resident
        let pay = ["--backend", proxy?.url(basePath: "/kiosk/v1") ?? sandbox.url] + files
            + ["--id-number", resident.idNumber, "--name", resident.name, "--pay-code", "card", "--key", key]

        let paid = try await ChildProcess.run(harness, pay + (killPoint?.arguments ?? []), workDirectory: directory, timeout: .seconds(120))
        // What the proxy held on the way arrives before the next start-up.
        proxy?.deliverHeld()
        if proxy != nil {
            // A backend fault may end the session unresolved (exit 3) or before the kill point.
            #expect([0, 3, 128 + SIGKILL].contains(paid.status), "\(label): the harness exited \(paid.status): \(paid.error.suffix(300))")
        } else if killPoint == nil {
            #expect(paid.status == 0, "\(label): \(paid.error)\(paid.output)")
            // Nothing killed, no backend fault: the session settles the payment itself, recovery finds nothing.
            let journal = try SQLitePaymentJournal(path: journalPath)
            let left = try await journal.unresolved()
            try journal.close()
            #expect(left.isEmpty, "\(label): the session left \(left.map(\.state)) for recovery")
        } else if paid.output.contains("commits=") {
            // The run ended before reaching the kill point (a busy terminal: intent, abandoned).
            #expect(paid.status == 0, "\(label): \(paid.error)\(paid.output)")
        } else {
            #expect(paid.status == 128 + SIGKILL, "\(label): the harness must die by SIGKILL, got \(paid.status): \(paid.error)\(paid.output)")
        }
        let recovered = try await ChildProcess.run(harness, common + ["--recover"], workDirectory: directory, timeout: .seconds(60))
        #expect(recovered.status == 0, "\(label): recovery failed: \(recovered.error)\(recovered.output)")
        // The resident paid elsewhere by now if the pad ever asked for the card; if it never did, they never will.
        elsewhere?.cancel()
        if case .failure(let error) = await elsewhere?.result, !(error is CancellationError) {
            Issue.record("\(label): paying elsewhere failed: \(error)")
        }

        let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: resident.idNumber, name: resident.name)))
        let payments = try await client.payments(personRef: person.personRef).own
        let journal = try SQLitePaymentJournal(path: journalPath)
        defer { try? journal.close() }
        let entry = try await journal.entry(key: key)
        let receipts = ((try? String(contentsOfFile: receiptsPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        let succeeded = payments.filter { $0.status == .succeeded }
        // What the backend holds as paid by card: what the pad must keep (a payment elsewhere is paid by pay code).
        let recorded = succeeded.filter { $0.method == .card }.reduce(Money.zero) { $0 + Money(fen: $1.amountFen) }

        #expect(succeeded.count <= 1, "\(label): paid twice \(payments.map(\.paymentId))")
        let kept = await stack.pad.charged
        #expect(kept == recorded, "\(label): the pad kept \(kept), the backend recorded \(recorded)")
        let approvals = await stack.pad.transactions.filter { $0.state == .approved || $0.state == .reversed }.count
        #expect(approvals <= 1, "\(label): the card was charged twice")
        #expect(try await journal.unresolved().isEmpty, "\(label)")
        #expect(try await journal.owedReceipts().isEmpty, "\(label)")
        if killPoint == .before(1) {
            #expect(entry == nil, "\(label): killed before the intent was committed")
            #expect(await stack.pad.transactions.isEmpty, "\(label): the terminal must not be asked before the intent is durable")
        }
        if entry?.state == .succeeded, let paymentID = entry?.paymentID {
            let receipt = try await client.receipt(paymentID: paymentID)
            #expect(receipts == [receipt.receiptNumber], "\(label): exactly one receipt printed")
            #expect(entry?.card != nil, "\(label): the approval is journaled")
        } else {
            #expect(receipts.isEmpty, "\(label): no receipt without a success")
            #expect(recorded == .zero, "\(label)")
        }
        return paid.output
    }
}
