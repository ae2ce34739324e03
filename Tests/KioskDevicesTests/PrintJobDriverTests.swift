import Foundation
import KioskCore
import KioskTesting
import Synchronization
import Testing

@testable import KioskDevices

/// `CUPSPrinter.print` over a transport that records each request and answers as scripted, on a
/// `TestClock`: what the kiosk asks of the printer and what it makes of the answers, without libcups.
@Suite("printing over a recording transport")
struct PrintJobDriverTests {
    final class RecordingTransport: PrintJobTransport {
        enum Call: Equatable { case submit, observe(job: Int32), cancel(job: Int32) }
        private let state: Mutex<(calls: [Call], answers: [PrintJobObservation])>

        /// Answers each look with the next of `answers`, then with the last one for ever.
        init(answers: [PrintJobObservation]) {
            state = Mutex((calls: [], answers: answers))
        }

        var calls: [Call] { state.withLock { $0.calls } }

        func submit(_ document: ReceiptDocument, within: Duration) async -> Result<SubmittedPrintJob, KioskError>? {
            state.withLock { $0.calls.append(.submit) }
            return .success(SubmittedPrintJob(id: 42, name: CUPSPrinter.jobName(for: document)))
        }

        func observe(_ jobID: Int32, within: Duration) async -> Result<PrintJobObservation, KioskError>? {
            state.withLock {
                $0.calls.append(.observe(job: jobID))
                return .success($0.answers.count > 1 ? $0.answers.removeFirst() : $0.answers[0])
            }
        }

        func cancel(_ jobID: Int32) {
            state.withLock { $0.calls.append(.cancel(job: jobID)) }
        }
    }

    static func printer(clock: TestClock, jobTimeout: Duration = .seconds(5)) -> CUPSPrinter {
        CUPSPrinter(selector: .ipp(uri: "ipp://127.0.0.1:1/ipp/print"), jobTimeout: jobTimeout, connectTimeoutMilliseconds: 1000, clock: clock) { _ in
            ([], "application/pdf", "unused")
        }
    }

    /// Prints, moving the test clock on each time the printer sleeps between looks, until done.
    static func print(_ printer: CUPSPrinter, over transport: RecordingTransport, clock: TestClock) async throws -> KioskError? {
        let done = Mutex(false)
        let printing = Task { () -> KioskError? in
            defer { done.withLock { $0 = true } }
            do throws(KioskError) {
                try await printer.print(anyReceipt, over: transport)
                return nil
            } catch {
                return error
            }
        }
        while !done.withLock({ $0 }) {
            if clock.sleeperCount > 0 { clock.advance(by: .milliseconds(20)) } else { try await Task.sleep(for: .milliseconds(1)) }
        }
        return await printing.value
    }

    @Test("a job is looked at until the printer reports it completed; its last state is kept for diagnostics")
    func completes() async throws {
        let clock = TestClock()
        let printer = Self.printer(clock: clock)
        let transport = RecordingTransport(answers: [PrintJobObservation(state: .pending), PrintJobObservation(state: .processing), PrintJobObservation(state: .completed)])
        let failure = try await Self.print(printer, over: transport, clock: clock)
        #expect(failure == nil)
        #expect(transport.calls == [.submit, .observe(job: 42), .observe(job: 42), .observe(job: 42)])
        #expect(printer.lastJob?.state == .completed)
        #expect(printer.lastJob?.id == 42)
    }

    @Test("a job still waiting for paper at the deadline is cancelled and fails as printer.paper_out")
    func overdueForPaper() async throws {
        let clock = TestClock()
        let printer = Self.printer(clock: clock, jobTimeout: .seconds(1))
        let waiting = PrintJobObservation(state: .processing, printer: IPPPrinterState(state: 4, reasons: ["media-empty"], makeAndModel: "Test"))
        let transport = RecordingTransport(answers: [waiting])
        let failure = try #require(try await Self.print(printer, over: transport, clock: clock))
        #expect(failure.code == .printerPaperOut)
        #expect(failure.message.contains("job 42 still processing after 1 s (media-empty); cancelling it"), "\(failure.message)")
        #expect(transport.calls.last == .cancel(job: 42))
        #expect(transport.calls.filter { $0 == .cancel(job: 42) }.count == 1)
    }

    @Test("a job the printer aborts for a jam fails as printer.jammed and is not cancelled again")
    func abortedForJam() async throws {
        let clock = TestClock()
        let printer = Self.printer(clock: clock)
        let transport = RecordingTransport(answers: [PrintJobObservation(state: .aborted, reasons: ["media-jam-error"])])
        let failure = try #require(try await Self.print(printer, over: transport, clock: clock))
        #expect(failure.code == .printerJammed)
        #expect(transport.calls == [.submit, .observe(job: 42)])
    }
}
