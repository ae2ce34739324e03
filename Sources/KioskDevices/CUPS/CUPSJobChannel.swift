import KioskConfig
import KioskCore
import Synchronization

/// One print job's connection to the printer. Used only on the job's own `BlockingCallQueue`, one
/// call at a time, which is what makes the unchecked `Sendable` sound (`abandon` is atomic).
final class CUPSJobChannel: @unchecked Sendable {
    struct Submitted: Sendable {
        var id: Int32
        var name: String
    }

    /// What one look at the job found; the printer's state says why a job waits or failed.
    struct Observation: Sendable {
        var job: IPPConnection.JobProgress
        var printer: IPPConnection.PrinterState?
    }

    private let selector: PrinterSelector
    private let timeoutMilliseconds: Int32
    private var connection: IPPConnection?
    private let abandoned = Atomic(false)

    init(selector: PrinterSelector, timeoutMilliseconds: Int32) {
        self.selector = selector
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Renders the document, connects and submits it as one job.
    func submit(_ document: ReceiptDocument, render: CUPSPrinter.Render) -> Result<Submitted, KioskError> {
        do throws(KioskError) {
            let rendered = try render(document)
            let connection = try IPPConnection(selector, timeoutMilliseconds: timeoutMilliseconds)
            self.connection = connection
            let id = try connection.submitJob(named: rendered.jobName, document: rendered.data, mimeType: rendered.mimeType) { !self.isAbandoned }
            // Given up on while Create-Job was under way: the kiosk already reported the receipt as not printed.
            if isAbandoned {
                connection.cancelJob(id)
                return .failure(KioskError(.printFailed, "job \(id) was created after the kiosk gave up on it, and cancelled"))
            }
            return .success(Submitted(id: id, name: rendered.jobName))
        } catch {
            return .failure(error)
        }
    }

    /// The kiosk stopped waiting for `submit`: it must not create a job any more.
    func abandon() {
        abandoned.store(true, ordering: .releasing)
    }

    private var isAbandoned: Bool { abandoned.load(ordering: .acquiring) }

    func observe(_ jobID: Int32) -> Result<Observation, KioskError> {
        guard let connection else { return .failure(KioskError(.printFailed, "job \(jobID): no connection to the printer")) }
        do throws(KioskError) {
            let job = try connection.jobProgress(jobID)
            return .success(Observation(job: job, printer: try? connection.printerState()))
        } catch {
            return .failure(error)
        }
    }

    func cancel(_ jobID: Int32) {
        connection?.cancelJob(jobID)
    }
}
