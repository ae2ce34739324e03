import Foundation
import KioskConfig
import KioskCore
import Synchronization

/// The receipt printer behind IPP: a printer reached directly (`ipp://…`) or a CUPS queue.
///
/// Every libcups call runs on a dispatch queue of its own (`BlockingCallQueue`), never on Swift's
/// cooperative threads, and every operation has a deadline: a hung printer makes `print` fail
/// within `jobTimeout` and `readiness` within a few connect timeouts.
public final class CUPSPrinter: ReceiptPrinter, Sendable {
    /// Lays a document out for the printer; the job name is the receipt number for electronic receipts.
    public typealias Render = @Sendable (ReceiptDocument) throws(KioskError) -> (data: [UInt8], mimeType: String, jobName: String)

    public let selector: PrinterSelector
    /// From submitting the job to the printer reporting it completed.
    public let jobTimeout: Duration
    /// Connecting, and each IPP request (libcups' `httpSetTimeout`).
    public let connectTimeoutMilliseconds: Int32
    let render: Render
    /// Times a job's deadline and the pauses between looks at it.
    let clock: any Clock<Duration>
    /// When a job's state was learnt, and when the test page was printed.
    let wallClock: WallClock
    private let lastJobRecord = Mutex<PrintJobRecord?>(nil)

    public init(
        selector: PrinterSelector, jobTimeout: Duration, connectTimeoutMilliseconds: Int32,
        clock: any Clock<Duration> = ContinuousClock(), wallClock: WallClock = .system, render: @escaping Render
    ) {
        self.clock = clock
        self.wallClock = wallClock
        self.selector = selector
        self.jobTimeout = jobTimeout
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.render = render
    }

    /// The last job this printer object submitted, as last seen.
    public var lastJob: PrintJobRecord? { lastJobRecord.withLock { $0 } }

    /// From printer-state, printer-state-reasons and printer-is-accepting-jobs; a printer that does
    /// not answer is `printer.unreachable`.
    public func readiness() async -> PrinterReadiness {
        await condition().readiness
    }

    /// Technicians' status and the session's readiness from one IPP request, so both agree.
    public func condition() async -> (status: DeviceStatus, readiness: PrinterReadiness) {
        let answer = await query("state") { connection throws(KioskError) in try connection.printerState() }
        switch answer {
        case .success(let printer)?:
            let condition = PrinterCondition(printer)
            return (condition.deviceStatus(selector: selector), condition.readiness)
        case .failure(let error)?:
            return (DeviceStatus(role: .printer, selector: selector.description, state: .offline, requiredAction: .maintenance, detail: error.message),
                    .unable(.printerUnreachable))
        case nil:
            let detail = "the printer did not answer within \(Int64(connectTimeoutMilliseconds) * 3) ms"
            return (DeviceStatus(role: .printer, selector: selector.description, state: .offline, requiredAction: .maintenance, detail: detail),
                    .unable(.printerUnreachable))
        }
    }

    /// Whether a job of this name completed, from the printer's job history — so that after a crash
    /// the kiosk does not print a receipt twice. Nil when the printer cannot answer. The history is
    /// only as long as the printer keeps it (CUPS: MaxJobs, 500 by default; ippeveprinter: 60 s).
    public func wasPrinted(jobName: String) async -> Bool? {
        let answer = await query("history") { connection throws(KioskError) in try connection.finishedJobs() }
        guard case .success(let jobs)? = answer else { return nil }
        return jobs.contains { $0.name == jobName && $0.state == .completed }
    }

    /// One request on a fresh connection, bounded by resolving `auto`, connecting and the request
    /// (each within the connect timeout); nil when that bound passes.
    private func query<Value: Sendable>(
        _ name: String, _ request: @escaping @Sendable (IPPConnection) throws(KioskError) -> Value
    ) async -> Result<Value, KioskError>? {
        let selector = self.selector, timeout = connectTimeoutMilliseconds
        return await BlockingCallQueue(label: "kioskd.cups.\(name)").run(timeout: .milliseconds(Int64(timeout) * 3)) {
            do throws(KioskError) {
                return .success(try request(IPPConnection(selector, timeoutMilliseconds: timeout)))
            } catch {
                return .failure(error)
            }
        }
    }

    func record(_ job: SubmittedPrintJob, _ state: PrintJobState, reasons: [String] = []) {
        let record = PrintJobRecord(id: job.id, name: job.name, state: state, reasons: reasons, updatedAt: wallClock.now())
        lastJobRecord.withLock { $0 = record }
    }
}
