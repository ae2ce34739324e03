import KioskConfig
import KioskCore
import Logging
import ServiceLifecycle
import Synchronization

/// The kiosk's QR/barcode scanner, read through libusb from the device itself (never through a
/// keyboard layout): found by VID:PID from `Devices/scanners`, re-opened after a replug, decoded in
/// HID POS or keyboard-emulation mode. Codes are never logged; technicians see them masked.
public final class LibUSBScanner: BarcodeScanner, ScannerDiagnostics, Service {
    public let scans: AsyncStream<BarcodeScan>
    private let scanContinuation: AsyncStream<BarcodeScan>.Continuation
    private let events = EventFanOut<ScannerWatchEvent>()
    private let state: Mutex<Snapshot>
    private let engine: USBScannerEngine?
    private let selector: ScannerSelector
    private let logger: Logger

    struct Snapshot {
        var scanner: AttachedScanner?
        var status: DeviceStatus
    }

    /// `clock` times the keyboard-mode inter-key timeout (kioskd: its ContinuousClock; tests: a
    /// TestClock, so that a loaded machine never splits a code the test typed at once).
    public init(selector: ScannerSelector, database: DeviceDatabase, clock: any Clock<Duration>, logger: Logger) {
        self.selector = selector
        self.logger = logger
        (scans, scanContinuation) = AsyncStream.makeStream(of: BarcodeScan.self, bufferingPolicy: .bufferingNewest(16))
        state = Mutex(Snapshot(scanner: nil, status: DeviceStatus(role: .scanner, selector: selector.description, state: .offline, detail: "starting")))
        do {
            engine = try USBScannerEngine(matcher: USBScannerMatcher(selector: selector, models: database.scanners), clock: clock)
        } catch {
            engine = nil
            state.withLock { $0.status = DeviceStatus(role: .scanner, selector: selector.description, state: .offline, requiredAction: .maintenance, detail: error.message) }
        }
    }

    /// Reads the scanner until graceful shutdown, then closes it and ends the streams.
    public func run() async throws {
        if let engine {
            engine.start { [weak self] event in self?.handle(event) }
        } else {
            logger.error("scanner unavailable", metadata: [LogKey.detail: "\(status().detail)"])
        }
        try? await gracefulShutdown()
        await engine?.stop()
        scanContinuation.finish()
        events.finish()
    }

    private func handle(_ event: USBScannerEvent) {
        switch event {
        case .absent(let detail):
            update(nil, DeviceStatus(role: .scanner, selector: selector.description, state: .noDevice, requiredAction: .maintenance, detail: detail))
            logger.warning("scanner not found; waiting for it to be plugged in", metadata: [LogKey.detail: "\(detail)"])
        case .attached(let scanner):
            update(scanner, DeviceStatus(role: .scanner, selector: selector.description, state: .online, detail: "\(scanner) (\(scanner.mode.rawValue) mode)"),
                   announcing: ScannerWatchEvent(kind: .attached, device: scanner.description, mode: scanner.mode))
            logger.notice("scanner attached", metadata: [LogKey.device: "\(scanner)", LogKey.mode: "\(scanner.mode.rawValue)"])
        case .detached(let scanner, let reason):
            let detail = "\(scanner): \(reason) — waiting for it to be plugged in again"
            update(nil, DeviceStatus(role: .scanner, selector: selector.description, state: .noDevice, requiredAction: .maintenance, detail: detail),
                   announcing: ScannerWatchEvent(kind: .detached, device: scanner.description, mode: scanner.mode, detail: reason.description))
            logger.warning("scanner detached", metadata: [LogKey.device: "\(scanner)", LogKey.detail: "\(reason)"])
        case .decoded(let decoded, let scanner):
            let scan = BarcodeScan(text: decoded.text, symbology: decoded.symbology)
            // The kind only: a pay code is a bearer credential, an e-SSC token an identity.
            logger.debug("scan decoded", metadata: [LogKey.kind: "\(ScanReport.kind(of: scan.classification))"])
            scanContinuation.yield(scan)
            if events.hasSubscribers {
                events.publish(ScannerWatchEvent(kind: .scan, device: scanner.description, mode: scanner.mode,
                                                 scan: ScanReport(scan: scan, device: scanner.description, mode: scanner.mode, symbology: decoded.symbology)))
            }
        case .discarded(let reason):
            logger.info("scan discarded", metadata: [LogKey.detail: "\(reason)"])
            events.publish(ScannerWatchEvent(kind: .discarded, detail: reason))
        case .fault(let deviceState, let action, let detail):
            let scanner = state.withLock { $0.scanner }
            update(deviceState == .online ? scanner : nil,
                   DeviceStatus(role: .scanner, selector: selector.description, state: deviceState, requiredAction: action, detail: detail),
                   announcing: ScannerWatchEvent(kind: .fault, detail: detail))
            logger.error("scanner fault", metadata: [LogKey.detail: "\(detail)"])
        }
    }

    /// Under the state's lock, so a `watch()` starting now sees either the old state and the event, or the new state alone.
    private func update(_ scanner: AttachedScanner?, _ status: DeviceStatus, announcing event: ScannerWatchEvent? = nil) {
        state.withLock {
            $0 = Snapshot(scanner: scanner, status: status)
            if let event { events.publish(event) }
        }
    }

    public func status() -> DeviceStatus {
        state.withLock { $0.status }
    }

    public func scannerInfo() async -> ScannerInfo {
        state.withLock { ScannerInfo(device: $0.scanner?.description, mode: $0.scanner?.mode, attached: $0.scanner != nil, status: $0.status) }
    }

    public func watch() -> AsyncStream<ScannerWatchEvent> {
        state.withLock { snapshot in
            let initial = snapshot.scanner.map { ScannerWatchEvent(kind: .attached, device: $0.description, mode: $0.mode) }
                ?? ScannerWatchEvent(kind: .detached, detail: snapshot.status.detail)
            return events.subscribe(initial: [initial])
        }
    }
}
