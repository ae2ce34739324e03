import KioskCore

/// A scanner for `kioskd --demo`: `scan(_:)` is a code held in front of it.
public final class SimulatedScanner: BarcodeScanner, ScannerDiagnostics {
    public let scans: AsyncStream<BarcodeScan>
    private let continuation: AsyncStream<BarcodeScan>.Continuation
    private let events = EventFanOut<ScannerWatchEvent>()
    static let device = "simulated scanner"

    public init() {
        (scans, continuation) = AsyncStream.makeStream(of: BarcodeScan.self, bufferingPolicy: .bufferingNewest(16))
    }

    public func scan(_ text: String) {
        let scan = BarcodeScan(text: text)
        continuation.yield(scan)
        events.publish(ScannerWatchEvent(kind: .scan, device: Self.device, mode: .hidPOS,
                                         scan: ScanReport(scan: scan, device: Self.device, mode: .hidPOS, symbology: nil)))
    }

    public func scannerInfo() async -> ScannerInfo {
        ScannerInfo(device: Self.device, mode: .hidPOS, attached: true,
                    status: DeviceStatus(role: .scanner, selector: "simulated", state: .online, detail: "\(Self.device) (kioskd --demo)"))
    }

    public func watch() -> AsyncStream<ScannerWatchEvent> {
        events.subscribe(initial: [ScannerWatchEvent(kind: .attached, device: Self.device, mode: .hidPOS)])
    }
}
