import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskServer
import KioskSession
import Logging
import ServiceLifecycle

/// Keeps an eye on the payment terminal between residents: logs in at start, asks Diagnosis every
/// 30 s (5 s while it does not answer), tells the session when card payments can be offered, and
/// runs the day's settlement (nexo Reconciliation) at `terminal.settlement_time` once no resident
/// is being served.
actor TerminalWatch: Service, TerminalControl {
    let terminal: any PaymentTerminal
    let journal: any PaymentJournal
    let configuration: KioskConfiguration.Terminal
    let session: SessionController?
    let clock: any Clock<Duration>
    let wallClock: WallClock
    let logger: Logger
    private(set) var report: TerminalReport
    /// The China Standard Time day of the last settlement ("2026-12-06").
    private var settledDay: String?
    /// What the session was last told (nil: nothing yet; the session starts with cards offered).
    private var announced: Bool?
    static let healthyPause = Duration.seconds(30)
    static let outagePause = Duration.seconds(5)

    init(terminal: any PaymentTerminal, configuration: KioskConfiguration.Terminal, journal: any PaymentJournal, session: SessionController?,
         clock: any Clock<Duration>, wallClock: WallClock, logger: Logger) {
        self.terminal = terminal
        self.journal = journal
        self.configuration = configuration
        self.session = session
        self.clock = clock
        self.wallClock = wallClock
        self.logger = logger
        report = TerminalReport(poiID: configuration.poiID, address: configuration.address, reachable: false, settlementTime: configuration.settlementTime)
    }

    private var pause: Task<Void, Never>?
    /// Set by `checkNow` while a check runs: the next pause is skipped.
    private var checkAgain = false

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            _ = try? await self.login() as TerminalLogin
            while !Task.isCancelled {
                let reachable = await self.check()
                await self.settleIfDue()
                await self.sleep(reachable ? Self.healthyPause : Self.outagePause)
            }
        }
    }

    private func sleep(_ length: Duration) async {
        if checkAgain {
            checkAgain = false
            return
        }
        let sleeper = Task { [clock] in _ = try? await clock.sleep(for: length) }
        pause = sleeper
        await withTaskCancellationHandler { await sleeper.value } onCancel: { sleeper.cancel() }
        pause = nil
    }

    /// Checks at once instead of after the pause (the demo's "unplug the PIN pad" switch).
    func checkNow() {
        if let pause { pause.cancel() } else { checkAgain = true }
    }

    /// One Diagnosis; the session hears when the terminal comes or goes.
    @discardableResult
    func check() async -> Bool {
        do throws(KioskError) {
            let diagnosis = try await terminal.diagnose()
            report.status = diagnosis.status
            report.hostReachable = diagnosis.hostReachable
            report.reachable = true
            report.lastError = nil
        } catch {
            report.reachable = false
            report.lastError = "\(error.code.rawValue): \(error.message)"
        }
        report.checkedAt = wallClock.now()
        if announced != report.reachable {
            announced = report.reachable
            if report.reachable {
                logger.notice("payment terminal answers: card payments offered", metadata: [LogKey.terminalPOIID: "\(configuration.poiID)"])
            } else {
                logger.error("payment terminal does not answer: card payments not offered", metadata: [
                    LogKey.terminalPOIID: "\(configuration.poiID)", LogKey.reason: "\(report.lastError ?? "")",
                ])
            }
            await session?.send(.paymentMethodAvailability(.card, available: report.reachable))
        }
        return report.reachable
    }

    func terminalReport() async -> TerminalReport {
        var report = report
        if let entry = try? await journal.latest(method: .card) {
            report.lastTransaction = TerminalReport.Transaction(
                key: JournalKey.short(entry.intent.idempotencyKey), state: entry.state.rawValue, amountFen: entry.intent.amount.fen,
                at: entry.intent.createdAt, maskedPAN: entry.card?.maskedPAN, authCode: entry.card?.authCode,
                terminalReference: entry.card?.terminalTransactionID
            )
        }
        return report
    }

    func login() async throws(KioskError) -> TerminalReport {
        _ = try await login() as TerminalLogin
        await check()
        return await terminalReport()
    }

    func settleNow() async throws(KioskError) -> TerminalReport {
        _ = try await settle()
        return await terminalReport()
    }

    func login() async throws(KioskError) -> TerminalLogin {
        do {
            let login = try await terminal.login()
            report.loggedInAt = wallClock.now()
            return login
        } catch {
            report.lastError = "\(error.code.rawValue): \(error.message)"
            logger.warning("payment terminal login failed", metadata: [LogKey.errorCode: "\(error.code)"])
            throw error
        }
    }

    /// `kioskctl terminal settle`, or the daily settlement.
    func settle() async throws(KioskError) -> TerminalSettlement {
        do {
            let settlement = try await terminal.settle()
            let now = wallClock.now()
            report.lastSettlement = TerminalReport.Settlement(at: now, reconciliationID: settlement.reconciliationID,
                                                              transactionCount: settlement.transactionCount, totalFen: settlement.total.fen)
            settledDay = Self.day(of: now)
            logger.notice("payment terminal settled", metadata: [
                LogKey.count: "\(settlement.transactionCount)", LogKey.amountFen: "\(settlement.total.fen)",
            ])
            return settlement
        } catch {
            report.lastError = "\(error.code.rawValue): \(error.message)"
            logger.error("payment terminal settlement failed", metadata: [LogKey.errorCode: "\(error.code)"])
            throw error
        }
    }

    private func settleIfDue() async {
        let now = wallClock.now()
        guard report.reachable, settledDay != Self.day(of: now), Self.minutes(of: now) >= Self.minutes(configuration.settlementTime) else { return }
        guard await session?.noResidentServed ?? true else { return }
        _ = try? await settle()
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        return calendar
    }()

    static func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    static func minutes(of date: Date) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// "HH:MM" → minutes after midnight.
    static func minutes(_ time: String) -> Int {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 0
    }
}
