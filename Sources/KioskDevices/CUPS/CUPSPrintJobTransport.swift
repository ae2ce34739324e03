import KioskConfig
import KioskCore
import Synchronization

/// One print job over libcups: its own connection to the printer and its own `BlockingCallQueue`,
/// one call at a time, which is what makes the unchecked `Sendable` sound (`abandoned` is atomic).
final class CUPSPrintJobTransport: PrintJobTransport, @unchecked Sendable {
    private let selector: PrinterSelector
    private let timeoutMilliseconds: Int32
    private let render: CUPSPrinter.Render
    private let queue = BlockingCallQueue(label: "kioskd.cups.job")
    private var connection: IPPConnection?
    private let abandoned = Atomic(false)

    init(selector: PrinterSelector, timeoutMilliseconds: Int32, render: @escaping CUPSPrinter.Render) {
        self.selector = selector
        self.timeoutMilliseconds = timeoutMilliseconds
        self.render = render
    }

    func submit(_ document: ReceiptDocument, within: Duration) async -> Result<SubmittedPrintJob, KioskError>? {
        guard within > .zero, let submitted = await queue.run(timeout: within, { self.submitNow(document) }) else {
            abandoned.store(true, ordering: .releasing)
            return nil
        }
        return submitted
    }

    /// Renders the document, connects and submits it as one job.
    private func submitNow(_ document: ReceiptDocument) -> Result<SubmittedPrintJob, KioskError> {
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
            return .success(SubmittedPrintJob(id: id, name: rendered.jobName))
        } catch {
            return .failure(error)
        }
    }

    private var isAbandoned: Bool { abandoned.load(ordering: .acquiring) }

    func observe(_ jobID: Int32, within: Duration) async -> Result<PrintJobObservation, KioskError>? {
        guard within > .zero else { return nil }
        return await queue.run(timeout: within) { () -> Result<PrintJobObservation, KioskError> in
            guard let connection = self.connection else { return .failure(KioskError(.printFailed, "job \(jobID): no connection to the printer")) }
            do throws(KioskError) {
                var seen = try connection.jobProgress(jobID)
                seen.printer = try? connection.printerState()
                return .success(seen)
            } catch {
                return .failure(error)
            }
        }
    }

    func cancel(_ jobID: Int32) {
        queue.send { self.connection?.cancelJob(jobID) }
    }
}
