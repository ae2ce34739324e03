import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Testing

/// Every single backend fault combined with a SIGKILL at every journal commit: `kiosk-crash-harness`
/// pays through `FaultProxy` to a `kiosk-backend` process and kills itself at the chosen commit;
/// the requests the proxy held arrive; `--recover` (the next start-up) reconciles with a direct
/// connection. Then the backend's ledger and the journal must agree.
///
/// `make test` runs a seeded sample; `make soak` (KIOSK_SOAK=1) runs every combination and reports
/// schedules per minute and the invariant tally.
@Suite("exactly once: backend faults × SIGKILL at every journal commit, then recovery", .serialized)
struct FaultKillExplorerTests {
    struct Combination: CustomStringConvertible, Sendable {
        let scenario: CrashRecoveryTests.Scenario
        let operation: FaultProxy.Operation
        let occurrence: Int
        let fault: FaultProxy.Fault
        let kill: CrashRecoveryTests.KillPoint?
        var description: String {
            "\(scenario.name): \(fault.rawValue) on \(operation.rawValue)#\(occurrence), \(kill.map(\.description) ?? "no kill")"
        }
    }

    static let soak = ProcessInfo.processInfo.environment["KIOSK_SOAK"] == "1"
    /// The crash tests' pay-code scenarios and the on-screen QR (paid on the phone once shown; a kill
    /// can leave it unpaid, which recovery then reverses, so its outcome is not fixed).
    static let scenarios = CrashRecoveryTests.scenarios + [
        CrashRecoveryTests.Scenario(name: "on-screen QR paid on the phone", payCode: "qr", commits: 4, outcome: .succeeded),
    ]
    static let sampleSize = 12
    static let seed: UInt64 = 20_261_206

    @Test("faults × kill points: 0 lost, 0 charged twice, one receipt per success, nothing left unresolved")
    func faultsTimesKills() async throws {
        let harness = try RepositoryPaths.requiredBinary("kiosk-crash-harness")
        var all: [Combination] = []
        for scenario in Self.scenarios {
            let clean = try await Self.run(scenario, operation: .other, occurrence: 0, fault: nil, kill: nil, harness: harness)
            #expect(clean.violations.isEmpty, "\(scenario.name) without faults: \(clean.violations)")
            let kills: [CrashRecoveryTests.KillPoint?] = [nil] + (1...scenario.commits).flatMap { [.before($0), .after($0)] }
            for (operation, count) in clean.calls.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where operation != .configuration && operation != .other {
                for occurrence in 1...count {
                    for fault in FaultProxy.Fault.allCases {
                        all += kills.map { Combination(scenario: scenario, operation: operation, occurrence: occurrence, fault: fault, kill: $0) }
                    }
                }
            }
        }
        var generator = SplitMix64(seed: Self.seed)
        let chosen = Self.soak ? all : Array(all.shuffled(using: &generator).prefix(Self.sampleSize))
        let began = ContinuousClock.now
        var violations: [String] = []
        for combination in chosen {
            do {
                let outcome = try await Self.run(combination.scenario, operation: combination.operation, occurrence: combination.occurrence,
                                                 fault: combination.fault, kill: combination.kill, harness: harness)
                violations += outcome.violations.map { "\(combination): \($0)" }
            } catch {
                violations.append("\(combination): \(error)")
            }
        }
        let minutes = Double((ContinuousClock.now - began).components.seconds) / 60
        print("fault × kill explorer: \(chosen.count) of \(all.count) combinations (seed \(Self.seed)\(Self.soak ? ", all" : "")), "
              + "\(String(format: "%.1f", Double(chosen.count) / max(minutes, 1.0 / 60))) per minute; invariants: \(violations.count) violated")
        if !Self.soak { print("  sampled: " + chosen.map(\.description).joined(separator: "\n           ")) }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    struct Outcome {
        var calls: [FaultProxy.Operation: Int]
        var violations: [String]
    }

    /// One payment by the harness in a fresh backend process and journal, through the proxy.
    static func run(
        _ scenario: CrashRecoveryTests.Scenario, operation: FaultProxy.Operation, occurrence: Int, fault: FaultProxy.Fault?,
        kill: CrashRecoveryTests.KillPoint?, harness: String
    ) async throws -> Outcome {
        let directory = try TemporaryDirectory(prefix: "fault-kill")
        defer { directory.remove() }
        let sandbox = try await SandboxProcess(directory: directory)
        let proxy = try FaultProxy()
        defer { proxy.stop() }
        guard let port = URL(string: sandbox.url)?.port else { throw TestFixtureError("no port in \(sandbox.url)") }
        proxy.forward(to: port)
        if let fault { proxy.inject(fault, on: operation, occurrence: occurrence) }
        let client = try HTTPSBackendClient(settings: BackendClientSettings(url: sandbox.url, connectTimeout: .seconds(2), requestTimeout: .seconds(10)))
        do {
            let outcome = try await exercise(scenario, kill: kill, harness: harness, sandbox: sandbox, proxy: proxy, client: client, directory: directory)
            await client.shutdown()
            await sandbox.stop()
            return outcome
        } catch {
            await client.shutdown()
            await sandbox.stop()
            throw error
        }
    }

    static func exercise(
        _ scenario: CrashRecoveryTests.Scenario, kill: CrashRecoveryTests.KillPoint?, harness: String, sandbox: SandboxProcess,
        proxy: FaultProxy, client: HTTPSBackendClient, directory: TemporaryDirectory
    ) async throws -> Outcome {
        let key = "fk-\(UUID().uuidString.lowercased())"
        let journalPath = directory.file("journal/journal.sqlite")
        let receiptsPath = directory.file("receipts.txt")
        let resident = CrashRecoveryTests.resident
        let pay = ["--backend", proxy.url(basePath: "/kiosk/v1"), "--journal", journalPath, "--receipts", receiptsPath,
                   "--id-number", resident.idNumber, "--name", resident.name, "--pay-code", scenario.payCode, "--key", key]
        let paid = try await ChildProcess.run(harness, pay + (kill?.arguments ?? []), workDirectory: directory, timeout: .seconds(120))
        var violations: [String] = []
        if ![0, 3, 128 + SIGKILL].contains(paid.status) { violations.append("the harness exited \(paid.status): \(paid.error.suffix(300))") }

        // The next start-up: what was held on the way arrives first, then recovery reconciles directly.
        proxy.deliverHeld()
        let recover = ["--backend", sandbox.url, "--journal", journalPath, "--receipts", receiptsPath, "--recover", "--window", "0"]
        let recovered = try await ChildProcess.run(harness, recover, workDirectory: directory, timeout: .seconds(120))
        if recovered.status != 0 { violations.append("recovery exited \(recovered.status): \(recovered.error.suffix(300))") }

        let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: resident.idNumber, name: resident.name)))
        let ledger = try await client.payments(personRef: person.personRef).own
        let journal = try SQLitePaymentJournal(path: journalPath)
        defer { try? journal.close() }
        let entry = try await journal.entry(key: key)
        let receipts = ((try? String(contentsOfFile: receiptsPath, encoding: .utf8)) ?? "").split(separator: "\n")
        let succeeded = ledger.filter { $0.status == .succeeded }

        if succeeded.count > 1 { violations.append("charged twice: \(succeeded.map(\.paymentId))") }
        if ledger.count > 1 { violations.append("more than one payment made for one intent: \(ledger.map(\.paymentId))") }
        for payment in ledger {
            guard let entry, entry.paymentID == payment.paymentId else {
                violations.append("lost: payment \(payment.paymentId) (\(payment.status.rawValue)) has no journal record")
                continue
            }
            if entry.state.rawValue != payment.status.rawValue { violations.append("the ledger says \(payment.status.rawValue), the journal \(entry.state)") }
        }
        if try await !journal.unresolved().isEmpty { violations.append("left unresolved after recovery") }
        if succeeded.count == 1, receipts.count != 1 || entry?.receipt != .printed {
            violations.append("a success with \(receipts.count) receipts printed, journal receipt \(entry.map { "\($0.receipt)" } ?? "none")")
        }
        if succeeded.isEmpty, !receipts.isEmpty { violations.append("a receipt without a success") }
        return Outcome(calls: proxy.counts, violations: violations)
    }
}
