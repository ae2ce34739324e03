import KioskCore
import KioskTesting
import Synchronization
import Testing

@testable import KioskDevices

/// The scanner connection (`ScannerConnectionMachine` and its driver) over a transport that records
/// every request and answers as scripted: the paths a real scanner shows rarely (stalls, unplug in
/// the middle of a request, a refused init report, a run of failed reads), without libusb.
@Suite("scanner connection over a recording transport")
struct ScannerConnectionTests {
    final class RecordingTransport: ScannerTransport {
        enum Call: Equatable { case featureReport([UInt8]), submitRead, clearHalt, cancelReads, releaseInterface, close }
        var onRead: ((ScannerReadOutcome) -> Void)?
        private(set) var calls: [Call] = []
        var featureReportFailure: ScannerTransportFailure?
        var submitFailures: [ScannerTransportFailure?] = []
        var clearHaltFailure: ScannerTransportFailure?

        func sendFeatureReport(_ payload: [UInt8]) -> ScannerTransportFailure? {
            calls.append(.featureReport(payload))
            return featureReportFailure
        }

        func submitRead() -> ScannerTransportFailure? {
            calls.append(.submitRead)
            return submitFailures.isEmpty ? nil : submitFailures.removeFirst()
        }

        func clearHalt() -> ScannerTransportFailure? {
            calls.append(.clearHalt)
            return clearHaltFailure
        }

        func cancelReads() { calls.append(.cancelReads) }
        func releaseInterface() { calls.append(.releaseInterface) }
        func close() { calls.append(.close) }

        /// The device answers the read in flight.
        func complete(_ outcome: ScannerReadOutcome) {
            onRead?(outcome)
        }

        func takeCalls() -> [Call] {
            defer { calls = [] }
            return calls
        }
    }

    final class ManualTime: Sendable {
        let instant = Mutex(Duration.zero)
    }

    final class Harness {
        let transport = RecordingTransport()
        var events: [USBScannerEvent] = []
        var connection: ScannerConnection!
        let model: ScannerModel
        /// The time the connection reads: moved by the test only.
        let now = ManualTime()

        init(mode: ScannerMode = .hidPOS, initFeatureReport: [UInt8]? = nil, prepare: (RecordingTransport) -> Void = { _ in }) {
            prepare(transport)
            model = ScannerModel(id: "test", name: "Test scanner", vendorID: 0x0C2E, productID: 0x0B61, mode: mode, initFeatureReport: initFeatureReport)
            let scanner = AttachedScanner(modelName: model.name, vendorID: model.vendorID, productID: model.productID, busNumber: 1, address: 2, mode: mode)
            connection = ScannerConnection(transport: transport, scanner: scanner, model: model, now: { [now] in now.instant.withLock { $0 } },
                                           report: { [unowned self] in events.append($0) })
        }

        var decoded: [String] {
            events.compactMap { if case .decoded(let scan, _) = $0 { scan.text } else { nil } }
        }

        var notices: [String] {
            events.compactMap {
                switch $0 {
                case .discarded(let why): why
                case .fault(_, _, let detail): detail
                default: nil
                }
            }
        }
    }

    static let code = USBScannerTestbed.hidPOSReport(Array("287654321098765432".utf8))

    @Test("opening sends the model's init report, then one read; each report read is decoded and the read resubmitted")
    func readsAndResubmits() {
        let harness = Harness(initFeatureReport: [0xFD, 0x01])
        #expect(harness.transport.takeCalls() == [.featureReport([0xFD, 0x01]), .submitRead])
        harness.transport.complete(.data(Self.code))
        #expect(harness.decoded == ["287654321098765432"])
        #expect(harness.transport.takeCalls() == [.submitRead])
        #expect(harness.connection.ending == nil)
    }

    @Test("a refused init report is a notice for the technician; the scanner is read all the same")
    func refusedInitReport() {
        let harness = Harness(initFeatureReport: [0xFD, 0x01]) { $0.featureReportFailure = .failed("LIBUSB_ERROR_PIPE") }
        #expect(harness.transport.takeCalls() == [.featureReport([0xFD, 0x01]), .submitRead])
        #expect(harness.notices.count == 1)
        #expect(harness.notices.first?.contains("refused its init feature report (LIBUSB_ERROR_PIPE)") == true)
        #expect(harness.connection.ending == nil)
    }

    @Test("a stall is cleared outside the read's completion, said once, and reading starts again")
    func stallCleared() {
        let harness = Harness()
        _ = harness.transport.takeCalls()
        harness.transport.complete(.stalled)
        #expect(harness.transport.takeCalls() == [], "nothing is asked of the device inside the completion")
        harness.connection.housekeeping()
        #expect(harness.transport.takeCalls() == [.clearHalt, .submitRead])
        #expect(harness.notices == ["the scanner's endpoint stalled; cleared and reading again"])
        harness.connection.housekeeping()
        #expect(harness.transport.takeCalls() == [], "a cleared stall is not cleared twice")
        harness.transport.complete(.data(Self.code))
        #expect(harness.decoded.count == 1)
    }

    @Test("a stall that cannot be cleared ends the connection as a fault; one whose device is gone as unplugged, with no release")
    func stallNotCleared() {
        let broken = Harness { $0.clearHaltFailure = .failed("LIBUSB_ERROR_IO") }
        broken.transport.complete(.stalled)
        broken.connection.housekeeping()
        #expect(broken.connection.ending == .failed("the endpoint stalled and cannot be cleared: LIBUSB_ERROR_IO"))
        #expect(broken.connection.ending?.isFault == true)

        let gone = Harness { $0.clearHaltFailure = .deviceGone }
        gone.transport.complete(.stalled)
        gone.connection.housekeeping()
        #expect(gone.connection.ending == .unplugged)
        _ = gone.transport.takeCalls()
        gone.connection.stop(.stopping)
        gone.connection.finishClosing()
        #expect(gone.transport.takeCalls() == [.close], "no read is in flight to cancel, and a device that is gone has no interface to release")
        #expect(gone.connection.ending == .unplugged, "the first reason stays")
    }

    @Test("failed reads are retried; the fifth in a row ends the connection, and a good read in between starts the count again")
    func failedReads() {
        let harness = Harness()
        _ = harness.transport.takeCalls()
        for _ in 1...4 { harness.transport.complete(.failed("interrupt read timed out")) }
        harness.transport.complete(.data(Self.code))
        for _ in 1...4 { harness.transport.complete(.failed("interrupt read timed out")) }
        #expect(harness.connection.ending == nil)
        #expect(harness.transport.takeCalls() == Array(repeating: .submitRead, count: 9))
        harness.transport.complete(.failed("interrupt read timed out"))
        #expect(harness.connection.ending == .failed("interrupt read timed out, 5 times in a row"))
        #expect(harness.transport.takeCalls() == [], "nothing is resubmitted once the connection has ended")
    }

    @Test("the device gone while a read is submitted or read ends the connection as unplugged")
    func unplugged() {
        let atStart = Harness { $0.submitFailures = [.deviceGone] }
        #expect(atStart.connection.ending == .unplugged)
        #expect(atStart.connection.hasReadsInFlight == false)

        let reading = Harness()
        reading.transport.complete(.deviceGone)
        #expect(reading.connection.ending == .unplugged)
        let failing = Harness { $0.submitFailures = [nil, .failed("LIBUSB_ERROR_IO")] }
        failing.transport.complete(.data(Self.code))
        #expect(failing.connection.ending == .failed("cannot submit the interrupt read: LIBUSB_ERROR_IO"))
    }

    @Test("stopping cancels the read in flight; a report that comes back after that is dropped; the interface is released, then closed")
    func stop() {
        let harness = Harness()
        _ = harness.transport.takeCalls()
        harness.connection.stop(.stopping)
        #expect(harness.transport.takeCalls() == [.cancelReads])
        #expect(harness.connection.hasReadsInFlight)
        harness.transport.complete(.data(Self.code))
        #expect(harness.decoded.isEmpty, "a late report is not delivered")
        #expect(harness.transport.takeCalls() == [], "and not resubmitted")
        #expect(harness.connection.hasReadsInFlight == false)
        harness.connection.finishClosing()
        harness.connection.finishClosing()
        #expect(harness.transport.takeCalls() == [.releaseInterface, .close], "closed once")
        #expect(harness.connection.ending == .stopping)
    }

    @Test("keyboard mode: a partial code is dropped at housekeeping once its inter-key timeout has passed")
    func partialCodeExpires() {
        let harness = Harness(mode: .keyboard)
        harness.transport.complete(.data([0, 0, 0x1E, 0, 0, 0, 0, 0]))
        harness.transport.complete(.data([0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(harness.connection.pendingDeadline != nil)
        harness.connection.housekeeping()
        #expect(harness.events.isEmpty, "within the timeout the key waits for the next")
        harness.now.instant.withLock { $0 += harness.model.interKeyTimeout + .milliseconds(1) }
        harness.connection.housekeeping()
        #expect(harness.notices.count == 1, "\(harness.events)")
        #expect(harness.decoded.isEmpty)
        #expect(harness.connection.pendingDeadline == nil)
    }
}
