import Foundation
import KioskBackendAPI
import KioskCore
import KioskSession
import KioskTesting
import Logging
import SandboxBackend
import ServiceLifecycle

/// A `SessionController` on scripted devices, a recording journal and a test clock, talking HTTP to
/// the real sandbox backend on a free loopback port. Runs in a ServiceGroup, as in kioskd.
final class SessionHarness: Sendable {
    static let kioskID = "NT-TEST-0001"

    let sandbox: SandboxHTTPServer
    var backend: SandboxBackend { sandbox.backend }
    let client: HTTPSBackendClient
    let controller: SessionController
    let cards = ScriptedCardReader()
    let scanner = ScriptedScanner()
    let printer = RecordingPrinter()
    let journal = RecordingPaymentJournal()
    let clock = TestClock()
    let logLines: RecordingLogHandler.Lines
    let settings: SessionSettings
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    static func settings(printingRequired: Bool = false, methods: [PaymentMethod] = [.payCode, .onScreenQR]) -> SessionSettings {
        SessionSettings(
            idleTimeoutSeconds: 60, countdownSeconds: 15, payCodeTimeoutSeconds: 90, qrTimeoutSeconds: 180, takeReceiptSeconds: 20,
            pollIntervalSeconds: 5, maximumPolls: 3, maximumReversalAttempts: 3, paymentMethods: methods,
            maximumAmount: .yuan(5000), insuranceYear: 2021, printingRequired: printingRequired,
            qrURLOrigins: URLOrigin.paymentNetworks + [sandboxOrigin], verificationURLOrigins: [sandboxOrigin]
        )
    }

    /// Where the sandbox's QR and checking links point (`SandboxSettings.publicBaseURL`).
    static var sandboxOrigin: URLOrigin {
        URLOrigin(SandboxSettings().publicBaseURL)!
    }

    /// `backendURL` overrides the sandbox's address (e.g. a closed port for "backend down").
    /// `devicePrinter` replaces the recording printer (e.g. a CUPSPrinter on a real ippeveprinter).
    /// `between` stands between the session and the client (a fault the client cannot make, e.g. an answer lost after the backend acted).
    /// `terminal`: the payment terminal card payments go to (a `NexoTerminalStack`'s).
    /// `cardReader` replaces the scripted card reader (e.g. a real back end on a virtual card).
    init(today: String = "2020-11-15", settings: SessionSettings = SessionHarness.settings(), backendURL: String? = nil,
         devicePrinter: (any ReceiptPrinter)? = nil, between: (any BackendClient) -> any BackendClient = { $0 },
         requestTimeout: Duration = .seconds(5), attempts: Int = 1, terminal: (any PaymentTerminal)? = nil,
         cardReader: (any CardReader)? = nil) async throws {
        self.settings = settings
        sandbox = try await SandboxHTTPServer(today: today)
        client = try HTTPSBackendClient(settings: BackendClientSettings(
            url: backendURL ?? sandbox.url,
            connectTimeout: .seconds(2), requestTimeout: requestTimeout, maximumAttempts: attempts, retryBaseDelay: .milliseconds(10)
        ))
        let (logger, lines) = RecordingLogHandler.logger()
        logLines = lines
        let counter = KeyCounter()
        controller = SessionController(
            settings: settings, kioskID: Self.kioskID,
            devices: .init(cardReader: cardReader ?? cards, scanner: scanner, printer: devicePrinter ?? printer, terminal: terminal),
            backend: between(client), journal: journal, clock: clock, makeKey: { counter.next() }, logger: logger
        )
        group = ServiceGroup(configuration: .init(services: [controller], logger: Logger(label: "session-test-group")))
        running = Task { [group] in try await group.run() }
    }

    /// Stops the controller (graceful shutdown), the client and the server.
    func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = await running.result
        await client.shutdown()
        await sandbox.stop()
    }

    /// Waits (real time) until the published state satisfies `predicate`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(10), _ predicate: @escaping @Sendable (SessionState) -> Bool) async throws -> SessionState {
        let states = await controller.states()
        let found: SessionState? = try await withThrowingTaskGroup(of: SessionState?.self) { tasks in
            tasks.addTask {
                for await state in states where predicate(state) { return state }
                return nil
            }
            tasks.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await tasks.next() ?? nil
            tasks.cancelAll()
            return first
        }
        guard let found else { throw TestFixtureError("timed out waiting for \(what); the state is \(await controller.state.kind)") }
        return found
    }

    @discardableResult
    func waitFor(_ kind: SessionState.Kind, timeout: Duration = .seconds(10)) async throws -> SessionState {
        try await waitFor("\(kind)", timeout: timeout) { $0.kind == kind }
    }

    func send(_ event: SessionEvent) async {
        await controller.send(event)
    }

    /// Advances the test clock once the session is waiting only on it: no call in flight, and every
    /// timer it runs sleeping on the clock. A timer that has just fired is neither asleep nor yet
    /// handled, so this also waits for the session to take it; a session left with no timer at all
    /// has nothing to wait for on the clock, and then nothing is advanced (false).
    @discardableResult
    func advance(by duration: Duration) async throws -> Bool {
        do {
            try await eventually("the session's timers sleep on the test clock and no call is in flight") {
                let running = await self.controller.runningTimers.count
                let calls = await self.controller.callsInFlight
                return calls == 0 && self.clock.sleeperCount >= running
            }
        } catch {
            let timers = await controller.runningTimers.keys.map(\.rawValue).sorted()
            throw TestFixtureError("""
                \(error) (state \(await controller.state.kind), timers \(timers), \(clock.sleeperCount) sleeping on the test clock, \
                \(await controller.callsInFlight) calls in flight); the session's last log lines:
                \(logLines.all.suffix(20).joined(separator: "\n"))
                """)
        }
        // Quiet now: the timers are all asleep, so their count cannot change until the clock moves.
        guard await !controller.runningTimers.isEmpty else { return false }
        clock.advance(by: duration)
        return true
    }

    /// Waits (real time) until `condition` holds: for effects that follow a state change (journal writes).
    func eventually(_ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !(await condition()) {
            guard ContinuousClock.now < deadline else { throw TestFixtureError("timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until the journal's only entry satisfies `condition`, and returns it.
    @discardableResult
    func journalEntry(_ what: String, _ condition: @escaping @Sendable (JournalEntry) -> Bool) async throws -> JournalEntry {
        try await eventually("the journal entry is \(what)") { await self.journal.single.map(condition) ?? false }
        guard let entry = await journal.single else { throw TestFixtureError("no journal entry") }
        return entry
    }

    /// Types a demo resident's name and ID number and waits for their enrollment screen.
    func identify(_ resident: DemoResident, expect kind: SessionState.Kind = .showingEnrollment) async throws -> SessionState {
        await send(.manualEntryChosen)
        await send(.identityTyped(name: resident.name, idNumber: resident.id))
        return try await waitFor(kind)
    }

    /// Identifies, confirms, chooses a method and waits until money is asked for.
    func startPayment(_ resident: DemoResident, method: PaymentMethod) async throws {
        _ = try await identify(resident)
        await send(.paymentConfirmed)
        await send(.methodChosen(method))
        try await waitFor(method == .payCode ? .awaitingPayCode : .showingQR)
    }

    /// Every log line, joined: for checks that personal data never appears.
    var logText: String { logLines.all.joined(separator: "\n") }
}

/// Runs `body` against a fresh harness and always shuts it down.
func withSession(
    today: String = "2020-11-15", settings: SessionSettings = SessionHarness.settings(), backendURL: String? = nil,
    devicePrinter: (any ReceiptPrinter)? = nil, between: (any BackendClient) -> any BackendClient = { $0 }, terminal: (any PaymentTerminal)? = nil,
    _ body: (SessionHarness) async throws -> Void
) async throws {
    let harness = try await SessionHarness(today: today, settings: settings, backendURL: backendURL, devicePrinter: devicePrinter, between: between,
                                           terminal: terminal)
    do {
        try await body(harness)
    } catch {
        await harness.shutdown()
        throw error
    }
    await harness.shutdown()
}

/// Idempotency keys key-0001, key-0002…
final class KeyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> String {
        lock.withLock {
            value += 1
            return "key-\(String(repeating: "0", count: max(0, 4 - String(value).count)))\(value)"
        }
    }
}

/// The demo residents (Sources/SandboxBackend/Data/residents.toml).
struct DemoResident: Sendable {
    let id: String
    let name: String
    /// 张建国, Nantong adult (430 yuan), pays for 张小雨; SSC J32060012; e-SSC token essc-demo-zhang-jianguo.
    static let zhangJianguo = DemoResident(id: "320602196005120210", name: "张建国")
    /// 张小雨, Nantong, born 2012 (300 yuan).
    static let zhangXiaoyu = DemoResident(id: "320602201203080428", name: "张小雨")
    /// 王秀英, Nantong, 低保: exempt.
    static let wangXiuying = DemoResident(id: "320611195507200183", name: "王秀英")
}
