import KioskCore
import Synchronization

/// A HID POS scanner for `kioskd --demo`: `scan(_:)` is a code held in front of it. The code goes
/// out as the input reports a real scanner sends (`HIDPOSReportEncoder`) and comes back through the
/// production decoder and connection machine, so the demo exercises what a kiosk's scanner does.
public final class SimulatedScanner: BarcodeScanner, ScannerDiagnostics {
    public let scans: AsyncStream<BarcodeScan>
    private let continuation: AsyncStream<BarcodeScan>.Continuation
    private let events = EventFanOut<ScannerWatchEvent>()
    private let connection: Mutex<ScannerConnectionMachine>
    static let device = "simulated scanner"
    static let model = ScannerModel(id: "simulated", name: device, vendorID: 0, productID: 0, mode: .hidPOS)

    public init() {
        (scans, continuation) = AsyncStream.makeStream(of: BarcodeScan.self, bufferingPolicy: .bufferingNewest(16))
        var machine = ScannerConnectionMachine(mode: .hidPOS, model: Self.model)
        _ = machine.start()
        connection = Mutex(machine)
    }

    /// `symbology`: the AIM identifier the scanner reports (`]Q1` a QR code, `]C0` Code 128).
    public func scan(_ text: String, symbology: String = "]Q1") {
        let reports = HIDPOSReportEncoder.reports(for: Array(text.utf8), symbology: symbology)
        // A HID POS code needs no inter-key timing: the machine's time can stand still.
        let actions = connection.withLock { machine in reports.flatMap { machine.readCompleted(.data($0), at: .zero) } }
        for action in actions {
            switch action {
            case .deliver(.scan(let decoded)):
                let scan = BarcodeScan(text: decoded.text, symbology: decoded.symbology)
                continuation.yield(scan)
                events.publish(ScannerWatchEvent(kind: .scan, device: Self.device, mode: .hidPOS,
                                                 scan: ScanReport(scan: scan, device: Self.device, mode: .hidPOS, symbology: decoded.symbology)))
            case .deliver(.discarded(let why)):
                events.publish(ScannerWatchEvent(kind: .discarded, detail: why))
            default:
                break
            }
        }
    }

    public func scannerInfo() async -> ScannerInfo {
        ScannerInfo(device: Self.device, mode: .hidPOS, attached: true,
                    status: DeviceStatus(role: .scanner, selector: "simulated", state: .online, detail: "\(Self.device) (kioskd --demo)"))
    }

    public func watch() -> AsyncStream<ScannerWatchEvent> {
        events.subscribe(initial: [ScannerWatchEvent(kind: .attached, device: Self.device, mode: .hidPOS)])
    }
}
