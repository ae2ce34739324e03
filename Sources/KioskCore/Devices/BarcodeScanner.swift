/// One code read by the scanner: the raw text and what it is. `description` never shows the text.
public struct BarcodeScan: Sendable, Hashable, CustomStringConvertible {
    /// The raw text. May be a pay code (a bearer credential): never log or store it.
    public let text: String
    public let classification: ScanClassification
    /// From the scanner's AIM identifier, when it sent one (HID POS mode).
    public let symbology: AIMSymbology?

    public init(text: String, symbology: AIMSymbology? = nil) {
        self.text = text
        self.symbology = symbology
        classification = ScanClassifier.classify(text)
    }

    public var description: String { "scan (\(classification))" }
}

/// A barcode/QR scanner. Implementations are named by technology (`LibUSB…`) or `Simulated…`.
public protocol BarcodeScanner: Sendable {
    /// Every code read, for as long as the scanner runs. Each call returns the one shared stream.
    var scans: AsyncStream<BarcodeScan> { get }
}
