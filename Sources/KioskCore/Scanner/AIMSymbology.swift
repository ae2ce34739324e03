/// The AIM symbology identifier (ISO/IEC 15424) a scanner puts before or beside a code:
/// "]" + code character + modifier, e.g. "]Q1" for a QR Code.
public struct AIMSymbology: Sendable, Hashable, CustomStringConvertible {
    public let identifier: String

    /// nil unless `identifier` is "]" + an ASCII letter + an ASCII letter or digit.
    public init?(identifier: String) {
        let scalars = Array(identifier.unicodeScalars)
        guard scalars.count == 3, scalars[0] == "]",
              scalars[1].isASCII, scalars[1].properties.isAlphabetic,
              scalars[2].isASCII, scalars[2].properties.isAlphabetic || ("0"..."9").contains(scalars[2])
        else { return nil }
        self.identifier = identifier
    }

    /// The code character: "Q" of "]Q1".
    public var codeCharacter: Character { identifier.dropFirst().first ?? "?" }

    /// "QR Code", "Code 128"…; "AIM ]X9" for a code character this table does not know.
    public var name: String { Self.names[codeCharacter] ?? "AIM \(identifier)" }

    public var description: String { "\(name) \(identifier)" }

    static let names: [Character: String] = [
        "A": "Code 39", "B": "Telepen", "C": "Code 128", "D": "Code One", "E": "EAN/UPC", "F": "Codabar",
        "G": "Code 93", "H": "Code 11", "I": "Interleaved 2 of 5", "K": "Code 16K", "L": "PDF417",
        "M": "MSI", "N": "Anker", "O": "Codablock", "P": "Plessey", "Q": "QR Code",
        "R": "Straight 2 of 5 (2 bar start/stop)", "S": "Straight 2 of 5 (3 bar start/stop)",
        "T": "Code 49", "U": "MaxiCode", "d": "Data Matrix", "e": "GS1 DataBar", "g": "Grid Matrix",
        "h": "Han Xin", "z": "Aztec",
    ]
}
