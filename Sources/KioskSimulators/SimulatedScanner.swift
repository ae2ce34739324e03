import KioskCore

/// A scanner for `kioskd --demo`: `scan(_:)` is a code held in front of it.
public final class SimulatedScanner: BarcodeScanner {
    public let scans: AsyncStream<BarcodeScan>
    private let continuation: AsyncStream<BarcodeScan>.Continuation

    public init() {
        (scans, continuation) = AsyncStream.makeStream(of: BarcodeScan.self, bufferingPolicy: .bufferingNewest(16))
    }

    public func scan(_ text: String) {
        continuation.yield(BarcodeScan(text: text))
    }
}
