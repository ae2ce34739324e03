import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Testing

/// The harness (`kiosk-crash-harness`) pays through the kiosk's SessionController and SIGKILLs itself right before or right
/// after one journal commit; `--recover` is the next start-up. For every kill point the backend and
/// the journal must agree: no payment lost, none charged twice, one receipt per success.
@Suite("crash recovery: SIGKILL at every journal commit, then recovery", .serialized)
struct CrashRecoveryTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let payCode: String
        /// Journal commits of an uninterrupted run.
        let commits: Int
        let outcome: JournalPaymentState
        var testDescription: String { name }
    }

    enum KillPoint: Sendable, Hashable, CustomStringConvertible {
        case before(Int), after(Int)

        var arguments: [String] {
            switch self {
            case .before(let n): ["--kill-before", "\(n)"]
            case .after(let n): ["--kill-after", "\(n)"]
            }
        }

        var description: String {
            switch self {
            case .before(let n): "before commit \(n)"
            case .after(let n): "after commit \(n)"
            }
        }
    }

    static let scenarios = [
        Scenario(name: "pay code succeeds at once", payCode: "134567890123456700", commits: 4, outcome: .succeeded),
        Scenario(name: "payer confirms on the phone (91)", payCode: "134567890123456791", commits: 4, outcome: .succeeded),
        Scenario(name: "insufficient funds (93)", payCode: "134567890123456793", commits: 3, outcome: .failed),
    ]
    static let resident = (idNumber: "320602196005120210", name: "张建国")

    @Test("an uninterrupted run makes the expected commits; every kill point before and after each is recovered", arguments: scenarios)
    func everyKillPoint(_ scenario: Scenario) async throws {
        let harness = try RepositoryPaths.requiredBinary("kiosk-crash-harness")
        let baseline = try await run(scenario, killPoint: nil, harness: harness)
        #expect(baseline.contains("commits=\(scenario.commits)"), "uninterrupted run: \(baseline)")

        let points = (1...scenario.commits).flatMap { [KillPoint.before($0), .after($0)] }
        for point in points {
            _ = try await run(scenario, killPoint: point, harness: harness)
        }
        print("crash recovery, \(scenario.name): \(points.count) kill points exercised")
    }

    /// One payment in a fresh sandbox process and journal; returns the harness's output.
    private func run(_ scenario: Scenario, killPoint: KillPoint?, harness: String) async throws -> String {
        let label = "\(scenario.name), \(killPoint.map(\.description) ?? "no kill")"
        let directory = try TemporaryDirectory(prefix: "crash")
        defer { directory.remove() }
        let sandbox = try await SandboxProcess(directory: directory)
        let client = try HTTPSBackendClient(settings: BackendClientSettings(url: sandbox.url, connectTimeout: .seconds(2), requestTimeout: .seconds(5)))
        do {
            let output = try await exercise(scenario, killPoint, label: label, harness: harness, sandbox: sandbox, client: client, directory: directory)
            await client.shutdown()
            await sandbox.stop()
            return output
        } catch {
            await client.shutdown()
            await sandbox.stop()
            throw error
        }
    }

    private func exercise(
        _ scenario: Scenario, _ killPoint: KillPoint?, label: String, harness: String,
        sandbox: SandboxProcess, client: HTTPSBackendClient, directory: TemporaryDirectory
    ) async throws -> String {
        let key = "crash-\(UUID().uuidString.lowercased())"
        let journalPath = directory.file("journal/journal.sqlite")
        let receiptsPath = directory.file("receipts.txt")
        let common = ["--backend", sandbox.url, "--journal", journalPath, "--receipts", receiptsPath]
        let pay = common + ["--id-number", Self.resident.idNumber, "--name", Self.resident.name, "--pay-code", scenario.payCode, "--key", key]

        let paid = try await ChildProcess.run(harness, pay + (killPoint?.arguments ?? []), workDirectory: directory, timeout: .seconds(60))
        if killPoint == nil {
            #expect(paid.status == 0, "\(label): \(paid.error)\(paid.output)")
        } else {
            #expect(paid.status == 128 + SIGKILL, "\(label): the harness must die by SIGKILL, got \(paid.status): \(paid.error)")
            #expect(paid.error.contains("SIGKILL \(killPoint?.description ?? "")"), "\(label): \(paid.error)")
        }
        let recovered = try await ChildProcess.run(harness, common + ["--recover"], workDirectory: directory, timeout: .seconds(60))
        #expect(recovered.status == 0, "\(label): recovery failed: \(recovered.error)\(recovered.output)")

        let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: Self.resident.idNumber, name: Self.resident.name)))
        let payments = try await client.payments(personRef: person.personRef).own
        let journal = try SQLitePaymentJournal(path: journalPath)
        defer { try? journal.close() }
        let entry = try await journal.entry(key: key)
        let receipts = ((try? String(contentsOfFile: receiptsPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)

        // Never charged twice; at most one payment was even created for the key.
        #expect(payments.count <= 1, "\(label): \(payments.map(\.paymentId))")
        #expect(payments.filter { $0.status == .succeeded }.count <= 1, "\(label)")
        // Nothing left for a technician.
        #expect(try await journal.unresolved().isEmpty, "\(label)")
        #expect(try await journal.owedReceipts().isEmpty, "\(label)")

        switch killPoint {
        case .before(1)?:
            #expect(entry == nil, "\(label): killed before the intent was committed")
            #expect(payments.isEmpty, "\(label): the backend must not be asked before the intent is durable")
        case .after(1)?:
            #expect(entry?.state == .abandoned, "\(label)")
            #expect(entry?.paymentID == nil, "\(label)")
            #expect(payments.isEmpty, "\(label)")
        default:
            // No payment lost: the one the backend created is the journal's, resolved to the backend's status.
            let payment = try #require(payments.first, "\(label): the payment was created before the kill")
            let journaled = try #require(entry, "\(label)")
            #expect(journaled.paymentID == payment.paymentId, "\(label)")
            #expect(journaled.state == scenario.outcome, "\(label)")
            #expect(payment.status.rawValue == scenario.outcome.rawValue, "\(label)")
        }

        if entry?.state == .succeeded, let paymentID = entry?.paymentID {
            let receipt = try await client.receipt(paymentID: paymentID)
            #expect(receipts == [receipt.receiptNumber], "\(label): exactly one receipt printed")
            #expect(entry?.receipt == .printed, "\(label)")
            if killPoint == .before(scenario.commits) {
                #expect(recovered.output.contains("receipt already printed"), "\(label): the reprint is caught by the printer's history")
            }
        } else {
            #expect(receipts.isEmpty, "\(label): no receipt without a success")
            #expect(entry.map { $0.receipt == .notDue } ?? true, "\(label)")
        }
        return paid.output
    }
}
