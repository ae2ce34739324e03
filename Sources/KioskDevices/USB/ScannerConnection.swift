import KioskCore

/// An open scanner: `ScannerConnectionMachine` driven over a transport, its codes and notices
/// reported to the engine. Event thread only.
final class ScannerConnection {
    let scanner: AttachedScanner
    private let transport: any ScannerTransport
    private let report: (USBScannerEvent) -> Void
    private let now: @Sendable () -> Duration
    private var machine: ScannerConnectionMachine
    private var closed = false

    /// Starts reading (after the model's init feature report, if it has one).
    init(transport: any ScannerTransport, scanner: AttachedScanner, model: ScannerModel,
         now: @escaping @Sendable () -> Duration, report: @escaping (USBScannerEvent) -> Void) {
        self.transport = transport
        self.scanner = scanner
        self.report = report
        self.now = now
        machine = ScannerConnectionMachine(mode: scanner.mode, model: model)
        transport.onRead = { [unowned self] outcome in
            let now = self.now()
            self.perform(self.machine.readCompleted(outcome, at: now))
        }
        perform(machine.start())
    }

    /// Why the connection must be closed; nil while it is healthy.
    var ending: ScannerConnectionEnding? { machine.ending }

    var pendingDeadline: Duration? { machine.pendingDeadline }

    var hasReadsInFlight: Bool { machine.hasReadsInFlight }

    func housekeeping() {
        perform(machine.housekeeping(at: now()))
    }

    /// Stops reading: the reads in flight are cancelled; `finishClosing` once they have come back.
    func stop(_ reason: ScannerConnectionEnding) {
        perform(machine.stop(reason))
    }

    /// After the reads have come back: give the interface back and close. The kernel's driver is not
    /// attached again: bound to usbhid the scanner would be a keyboard for X and the browser while
    /// kioskd restarts (review M8). It gets it back when replugged.
    func finishClosing() {
        guard !closed else { return }
        closed = true
        if machine.releasesInterface { transport.releaseInterface() }
        transport.onRead = nil
        transport.close()
    }

    private func perform(_ actions: [ScannerConnectionAction]) {
        for action in actions {
            switch action {
            case .sendFeatureReport(let payload):
                let failure = transport.sendFeatureReport(payload)
                perform(machine.featureReportSent(failure))
            case .submitRead:
                let failure = transport.submitRead()
                perform(machine.readSubmitted(failure))
            case .clearHalt:
                let failure = transport.clearHalt()
                perform(machine.haltCleared(failure))
            case .cancelReads: transport.cancelReads()
            case .deliver(.scan(let scan)): report(.decoded(scan, scanner))
            case .deliver(.discarded(let why)): report(.discarded(why))
            case .deliver(.pending): break
            case .warn(let detail): report(.fault(.online, .maintenance, detail))
            }
        }
    }
}
