import Hummingbird
import KioskAPI
import KioskCore

extension TerminalReport: ResponseEncodable {}

/// What `kioskctl terminal` asks of the payment terminal, through kioskd (which owns the one
/// connection to it: nexo allows one request at a time).
public protocol TerminalControl: Sendable {
    /// The last check's findings and the newest card payment.
    func terminalReport() async -> TerminalReport
    /// nexo Login now, then the report.
    func login() async throws(KioskError) -> TerminalReport
    /// The day's settlement now (nexo Reconciliation), then the report.
    func settleNow() async throws(KioskError) -> TerminalReport
}

/// `kioskctl terminal status|login|settle|last`.
enum TerminalRoutes {
    static func add(to router: Router<BasicRequestContext>, terminal: (any TerminalControl)?) {
        router.get("/v1/terminal") { _, _ throws -> Response in
            guard let terminal else { throw unavailable }
            return try CardRoutes.json(await terminal.terminalReport())
        }
        router.post("/v1/terminal/login") { _, _ throws -> Response in
            guard let terminal else { throw unavailable }
            return try await run { () throws(KioskError) in try await terminal.login() }
        }
        router.post("/v1/terminal/settle") { _, _ throws -> Response in
            guard let terminal else { throw unavailable }
            return try await run { () throws(KioskError) in try await terminal.settleNow() }
        }
    }

    static func run(_ step: () async throws(KioskError) -> TerminalReport) async throws -> Response {
        let report: TerminalReport
        do throws(KioskError) {
            report = try await step()
        } catch {
            return CardRoutes.problem(status: .conflict, error)
        }
        return try CardRoutes.json(report)
    }

    private static let unavailable = HTTPError(.serviceUnavailable, message: "this kioskd has no payment terminal: kiosk.conf has no [terminal] section")
}
