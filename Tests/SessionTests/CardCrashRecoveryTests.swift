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

    @Test("an uninterrupted card payment makes 5 commits; every kill point before and after each is recovered: the pad keeps exactly what the backend recorded")
    func everyKillPoint() async throws {
        let harness = try RepositoryPaths.requiredBinary("kiosk-crash-harness")
        let baseline = try await run(killPoint: nil, cardholder: .pays(.unionPayDebit), harness: harness)
        #expect(baseline.contains("commits=\(Self.commits)"), "uninterrupted run: \(baseline)")
        let points = (1...Self.commits).flatMap { [CrashRecoveryTests.KillPoint.before($0), .after($0)] }
        for point in points {
            _ = try await run(killPoint: point, cardholder: .pays(.unionPayDebit), harness: harness)
        }
        // A declined card: intent, abandoned.
        for point in [nil, CrashRecoveryTests.KillPoint.before(2), .after(1)] {
            _ = try await run(killPoint: point, cardholder: .pays(.insufficientFunds), harness: harness)
        }
        // Each terminal fault that leaves the answer unknown or late, at every kill point (a terminal
        // that never answers waits out the harness's 180 s payment timeout: the in-process explorer has it).
        let faults: [SimulatedTerminalFault] = [.answerLostAfterApproval, .answerLost, .restartMidTransaction, .busy, .inProgressFor(.milliseconds(200))]
        for fault in faults {
            for point in [nil] + points {
                _ = try await run(killPoint: point, cardholder: .pays(.unionPayDebit), fault: fault, harness: harness)
            }
        }
        print("card crash recovery: \((points.count + 1) * (faults.count + 1) + 3) runs, \(points.count) kill points × \(faults.count + 1) terminal behaviours")
    }

    /// The three dimensions at once: a terminal behaviour, a backend fault on one of the card's backend
    /// calls (through `FaultProxy`), and a kill point. `make test` runs a seeded sample; `make soak`
    /// (KIOSK_SOAK=1) all of them.
    @Test("terminal behaviours × backend faults × kill points: the pad keeps exactly what the backend recorded, one receipt per recording")
    func threeDimensions() async throws {
        let harness = try RepositoryPaths.requiredBinary("kiosk-crash-harness")
        let behaviours: [SimulatedTerminalFault?] = [nil, .answerLostAfterApproval, .answerLost, .restartMidTransaction, .busy, .inProgressFor(.milliseconds(200))]
        let points: [CrashRecoveryTests.KillPoint?] = [nil] + (1...Self.commits).flatMap { [CrashRecoveryTests.KillPoint.before($0), .after($0)] }
        var all: [(SimulatedTerminalFault?, FaultProxy.Operation, FaultProxy.Fault, CrashRecoveryTests.KillPoint?)] = []
        for behaviour in behaviours {
            for operation in [FaultProxy.Operation.create, .receipt] {
                for fault in FaultProxy.Fault.allCases {
                    all += points.map { (behaviour, operation, fault, $0) }
                }
            }
        }
        var generator = SplitMix64(seed: FaultKillExplorerTests.seed)
        let chosen = FaultKillExplorerTests.soak ? all : Array(all.shuffled(using: &generator).prefix(16))
        for (behaviour, operation, fault, point) in chosen {
            _ = try await run(killPoint: point, cardholder: .pays(.unionPayDebit), fault: behaviour, backendFault: (operation, fault), harness: harness)
        }
        print("card crash recovery, three dimensions: \(chosen.count) of \(all.count) combinations (seed \(FaultKillExplorerTests.seed)\(FaultKillExplorerTests.soak ? ", all" : ""))")
    }

    private func run(killPoint: CrashRecoveryTests.KillPoint?, cardholder: SimulatedCardholder, fault: SimulatedTerminalFault? = nil,
                     backendFault: (FaultProxy.Operation, FaultProxy.Fault)? = nil, harness: String) async throws -> String {
        let label = "\(cardholder), terminal \(fault.map { "\($0)" } ?? "sound"), "
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
        do {
            await stack.pad.enqueueCardholder(cardholder)
            if let fault { await stack.pad.inject(fault) }
            let output = try await exercise(killPoint, label: label, harness: harness, sandbox: sandbox, proxy: backendFault == nil ? nil : proxy,
                                            client: client, stack: stack, directory: directory)
            await client.shutdown()
            await sandbox.stop()
            await stack.stop()
            return output
        } catch {
            await client.shutdown()
            await sandbox.stop()
            await stack.stop()
            throw error
        }
    }

    private func exercise(
        _ killPoint: CrashRecoveryTests.KillPoint?, label: String, harness: String, sandbox: SandboxProcess, proxy: FaultProxy?,
        client: HTTPSBackendClient, stack: NexoTerminalStack, directory: TemporaryDirectory
    ) async throws -> String {
        let key = "kiosk" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let journalPath = directory.file("journal/journal.sqlite")
        let receiptsPath = directory.file("receipts.txt")
        let root = try directory.write("terminal-root.pem", stack.credentials.rootPEM)
        let terminal = ["--terminal-address", "127.0.0.1:\(stack.server.port)", "--terminal-root", root, "--terminal-name", NexoTerminalStack.certificateName,
                        "--terminal-poiid", NexoTerminalStack.poiID, "--terminal-passphrase", stack.credentials.passphrase]
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
        } else if paid.output.contains("commits=") {
            // The run ended before reaching the kill point (a busy terminal: intent, abandoned).
            #expect(paid.status == 0, "\(label): \(paid.error)\(paid.output)")
        } else {
            #expect(paid.status == 128 + SIGKILL, "\(label): the harness must die by SIGKILL, got \(paid.status): \(paid.error)\(paid.output)")
        }
        let recovered = try await ChildProcess.run(harness, common + ["--recover"], workDirectory: directory, timeout: .seconds(60))
        #expect(recovered.status == 0, "\(label): recovery failed: \(recovered.error)\(recovered.output)")

        let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: resident.idNumber, name: resident.name)))
        let payments = try await client.payments(personRef: person.personRef).own
        let journal = try SQLitePaymentJournal(path: journalPath)
        defer { try? journal.close() }
        let entry = try await journal.entry(key: key)
        let receipts = ((try? String(contentsOfFile: receiptsPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        let succeeded = payments.filter { $0.status == .succeeded }
        let recorded = succeeded.reduce(Money.zero) { $0 + Money(fen: $1.amountFen) }

        #expect(succeeded.count <= 1, "\(label): charged twice \(payments.map(\.paymentId))")
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
