import Foundation
import GRDBSQLite
import KioskConfig
import KioskCore
import KioskRuntime
import KioskServer
import KioskSession
import KioskSimulators
import KioskTesting
import Logging
import ServiceLifecycle

/// Many resident sessions through the whole kiosk `buildKiosk` makes — session, journal, backend
/// client, screen and admin servers, health and update services — on simulated devices and a test
/// clock, against a `kiosk-backend` process (so the backend's own growth is not counted here). Each
/// session is a different resident paying by pay code with an ID card: read, resolve, enrollment,
/// confirm, journal, pay, receipt, print. Reports the rate and this process's resident memory and
/// open descriptors at 0, half and all sessions.
struct SoakBenchmark {
    let sessions: Int
    let devices: String

    func run() async throws -> [BenchRow] {
        let work = try TemporaryDirectory(prefix: "bench-soak")
        defer { work.remove() }
        let residents = try work.write("residents.toml", BenchResidents.file(count: sessions))
        let sandbox = try await SandboxProcess(directory: work, residentsFile: residents)
        do {
            let rows = try await soak(work: work, backendURL: sandbox.url)
            await sandbox.stop()
            return rows
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    private func soak(work: TemporaryDirectory, backendURL: String) async throws -> [BenchRow] {
        let socket = work.file("admin.sock")
        let path = try work.write("kiosk.conf", TestKioskConf.text(
            socketPath: socket, kioskID: "BENCH-SOAK", backendURL: backendURL, printer: "simulated", database: devices))
        let quiet = Logger(label: "kioskd") { _ in SwiftLogNoOpLogHandler() }
        let loaded = try LoadedConfiguration.load(path: path, environment: [:])
        let deviceSet = DeviceSet.simulated()
        guard let simulated = deviceSet.simulated else { throw BenchFailure("the simulated device set has no simulated devices") }
        let kiosk = try await buildKiosk(
            configuration: loaded, devices: deviceSet, backend: .configured, journal: try SQLitePaymentJournal(path: loaded.configuration.journal.path),
            clock: TestClock(), metrics: KioskMetrics(), logger: quiet, audit: quiet
        )
        let group = ServiceGroup(configuration: .init(services: [kiosk], logger: quiet))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        _ = await kiosk.ready()
        guard let session = kiosk.session else { throw BenchFailure("the soak kiosk has no resident session") }
        var states = await session.states().makeAsyncIterator()
        // Closed until start-up reconciliation has settled the (empty) journal.
        while let state = await states.next(), state.kind != .attract {}

        var marks: [(sessions: Int, rss: Int, descriptors: Int, sqlite: Int)] = [(0, Self.residentKilobytes(), Self.openDescriptors(), Self.sqliteKilobytes())]
        let clock = ContinuousClock()
        let began = clock.now
        // Memory, descriptors and database size after each quarter of the sessions.
        let quarters = Set((1...4).map { sessions * $0 / 4 })
        for index in 0..<sessions {
            try simulated.cards.insert(CardHolder(kind: .idCard, name: BenchResidents.name(index), idNumber: BenchResidents.idNumber(index), regionCode: "320602"))
            try await Self.next(.showingEnrollment, from: &states)
            await session.residentTouched(.paymentConfirmed)
            try await Self.next(.choosingMethod, from: &states)
            await session.residentTouched(.methodChosen(.payCode))
            try await Self.next(.awaitingPayCode, from: &states)
            simulated.scanner.scan(Self.payCode(index))
            try await Self.next(.takingReceipt, from: &states)
            await session.residentTouched(.receiptTaken)
            try await Self.next(.finished, from: &states)
            simulated.cards.remove(.idCard)
            if quarters.contains(index + 1) {
                marks.append((index + 1, Self.residentKilobytes(), Self.openDescriptors(), Self.sqliteKilobytes()))
            }
        }
        let parts = (clock.now - began).components
        let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        await group.triggerGracefulShutdown()
        _ = await running.result

        let perSecond = Double(sessions) / seconds
        guard let half = marks.first(where: { $0.sessions == sessions / 2 }), let last = marks.last, last.sessions == sessions else {
            throw BenchFailure("the soak took no measurement at \(sessions / 2) and \(sessions) sessions (\(marks.map(\.sessions)))")
        }
        let growth = Double(last.rss - half.rss) / 1024
        var rows = [BenchRow(name: "soak: \(sessions) resident sessions in-process (pay code, different residents)", value: perSecond, unit: "sessions/s",
                             target: "(reported)", met: true)]
        for mark in marks {
            rows.append(BenchRow(name: "soak: RSS after \(mark.sessions) sessions", value: Double(mark.rss) / 1024, unit: "MB", target: "(reported)", met: true))
            rows.append(BenchRow(name: "soak: open fds after \(mark.sessions) sessions", value: Double(mark.descriptors), unit: "fds", target: "(reported)", met: true))
            rows.append(BenchRow(name: "soak: SQLite's heap (journal page cache) after \(mark.sessions) sessions", value: Double(mark.sqlite) / 1024, unit: "MB",
                                 target: "(reported)", met: true))
        }
        rows.append(BenchRow(name: "soak: RSS growth, \(sessions / 2) → \(sessions) sessions", value: growth, unit: "MB", target: "< 2", met: growth < 2))
        // A pooled backend connection or the journal's WAL may be open at one mark and not the next: no growth is the goal.
        rows.append(BenchRow(name: "soak: open fds growth, \(sessions / 2) → \(sessions) sessions", value: Double(last.descriptors - half.descriptors),
                             unit: "fds", target: "<= 0", met: last.descriptors <= half.descriptors))
        return rows
    }

    /// Reads states until `kind`; a session that ends another way fails the run, naming the state.
    private static func next(_ kind: SessionState.Kind, from states: inout AsyncStream<SessionState>.Iterator) async throws {
        let ends: Set<SessionState.Kind> = [.failed, .paymentFailed, .alreadyPaid, .unavailable, .outOfService, .printerUnavailable, .stopped]
        while let state = await states.next() {
            if state.kind == kind { return }
            if ends.contains(state.kind) { throw BenchFailure("the soak session reached \(state.kind.rawValue) while waiting for \(kind.rawValue): \(state)") }
        }
        throw BenchFailure("the session stopped while the soak waited for \(kind.rawValue)")
    }

    /// A WeChat pay code (prefix 13, 18 digits) whose last two digits (00–89) make the sandbox approve it.
    private static func payCode(_ index: Int) -> String {
        "13" + String(format: "%014d", index) + String(format: "%02d", index % 90)
    }

    private static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
    }

    /// What SQLite holds on its heap now (the journal's page cache, bounded by its cache_size).
    private static func sqliteKilobytes() -> Int {
        Int(sqlite3_memory_used() / 1024)
    }

    private static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

}
