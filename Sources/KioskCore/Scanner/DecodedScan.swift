/// One complete code as a scanner decoder assembled it, before classification.
public struct DecodedScan: Sendable, Equatable, CustomStringConvertible {
    /// The longest code a decoder assembles; a longer one is dropped.
    public static let maximumLength = 4096

    /// The code's data. May be a pay code (a bearer credential): never log it.
    public var text: String
    /// From the AIM identifier, when the scanner sent one.
    public var symbology: AIMSymbology?

    public init(text: String, symbology: AIMSymbology? = nil) {
        self.text = text
        self.symbology = symbology
    }

    /// Length and symbology only, never the text.
    public var description: String {
        "decoded scan (\(text.count) characters\(symbology.map { ", \($0)" } ?? ""))"
    }
}
