import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Logging
import SandboxBackend

/// The real sandbox backend over plain HTTP on a free loopback port, a kiosk client for it, and a
/// journal on a real file: what the reconciler meets after a crash.
final class ReconcilerSandbox: Sendable {
    let directory: TemporaryDirectory
    let backend: SandboxBackend
    let client: HTTPSBackendClient
    let journal: SQLitePaymentJournal
    let logs = LogRecorder.Lines()
    private let server: SandboxHTTPServer

    init() async throws {
        directory = try TemporaryDirectory(prefix: "reconcile")
        server = try await SandboxHTTPServer(databasePath: directory.file("sandbox.sqlite"))
        backend = server.backend
        client = try HTTPSBackendClient(settings: Self.settings(port: server.port))
        journal = try SQLitePaymentJournal(path: directory.file("journal/journal.sqlite"))
    }

    static func settings(port: Int) -> BackendClientSettings {
        BackendClientSettings(
            url: "http://127.0.0.1:\(port)\(SandboxServer.basePath)", connectTimeout: .seconds(2), requestTimeout: .seconds(5),
            retryBaseDelay: .milliseconds(20)
        )
    }

    var logger: Logger { LogRecorder.logger("reconciler-test", lines: logs) }

    /// `terminal`: where card payments are settled (none: a card entry cannot be).
    func reconciler(
        window: Duration = .seconds(120), backend: (any BackendClient)? = nil, now: @escaping @Sendable () -> Date = { Date() },
        clock: any Clock<Duration> = ContinuousClock(), terminal: (any PaymentTerminal)? = nil
    ) -> PaymentReconciler {
        PaymentReconciler(journal: journal, backend: backend ?? client, providerWindow: window, logger: logger, now: now, clock: clock,
                          cards: terminal.map { PaymentReconciler.CardPaymentSettlement(terminal: $0, kioskID: "NT-TEST-0001") })
    }

    func person(_ resident: ReconcilerResident) async throws -> BackendPerson {
        try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: resident.idNumber, name: resident.name)))
    }

    /// The intent the kiosk journals for `person`'s default tier, as the session builds it.
    func intent(for person: BackendPerson, key: String = "key-\(UUID().uuidString)", createdAt: Date = Date(),
                method: PaymentMethod = .payCode) async throws -> PaymentIntent {
        let enrollment = try await client.enrollment(personRef: person.personRef, year: 2021)
        guard let tier = enrollment.tiers.first(where: { $0.id == enrollment.defaultTier }) else {
            throw TestFixtureError("enrollment without its default tier")
        }
        return PaymentIntent(
            idempotencyKey: key, personRef: person.personRef, payerRef: nil, year: 2021, tier: tier.id,
            amount: Money(fen: tier.dueFen), method: method, createdAt: createdAt
        )
    }

    /// The create call the kiosk makes after journaling `intent`.
    func pay(_ intent: PaymentIntent, payCode: String) async throws -> BackendPayment {
        try await client.createPayment(
            .init(personRef: intent.personRef, payerRef: intent.payerRef, year: intent.year, tier: intent.tier, amountFen: intent.amount.fen,
                  method: .paycode, payCode: payCode, kioskId: "NT-TEST-0001"),
            idempotencyKey: intent.idempotencyKey
        )
    }

    func shutdown() async {
        try? journal.close()
        await client.shutdown()
        await server.stop()
        directory.remove()
    }
}

/// Demo residents (Sources/SandboxBackend/Data/residents.toml) payable for 2021 on the sandbox's 2020-11-15.
struct ReconcilerResident: Sendable {
    let idNumber: String
    let name: String
    /// 张建国, Nantong city districts, adult: 430 yuan.
    static let zhangJianguo = ReconcilerResident(idNumber: "320602196005120210", name: "张建国")
}

/// Pay codes steering the sandbox's simulated provider by their last two digits.
enum ReconcilerPayCode {
    static let succeeds = "134567890123456700"
    static let userPayingThenSucceeds = "134567890123456791"
    static let userPayingForever = "134567890123456792"
    static let insufficientFunds = "134567890123456793"
    static let unknownForever = "134567890123456796"
}

/// Runs `body` against a fresh sandbox and always shuts it down.
func withReconcilerSandbox(_ body: (ReconcilerSandbox) async throws -> Void) async throws {
    let sandbox = try await ReconcilerSandbox()
    do {
        try await body(sandbox)
    } catch {
        await sandbox.shutdown()
        throw error
    }
    await sandbox.shutdown()
}
