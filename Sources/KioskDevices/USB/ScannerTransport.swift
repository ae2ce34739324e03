import KioskCore

/// The scanner connection's I/O, byte for byte: what `ScannerConnectionMachine`'s actions ask of
/// the device. `LibUSBScannerTransport` is the device; tests use a recording one.
protocol ScannerTransport: AnyObject {
    /// Receives each read's outcome, on the thread that runs the transport's events.
    var onRead: ((ScannerReadOutcome) -> Void)? { get set }
    func sendFeatureReport(_ payload: [UInt8]) -> ScannerTransportFailure?
    func submitRead() -> ScannerTransportFailure?
    func clearHalt() -> ScannerTransportFailure?
    /// Each cancelled read still comes back through `onRead` (as `.cancelled`, or late as data).
    func cancelReads()
    func releaseInterface()
    func close()
}
