import KioskCore

/// A virtual card described by a TOML card file (samples and the format in `Devices/cards/`):
/// a social security card, or an ID card as the ID reader's SAM reports it.
///
/// Everything is validated when the file loads, so a card that loads answers every read.
public struct VirtualCardFile: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case ssc
        case idcard
    }

    public enum Content: Sendable, Equatable {
        case ssc(SSC)
        case idCard(IDCard)
    }

    /// Where the card came from (a path, or what the caller of `init(toml:source:)` named).
    public let source: String
    public let content: Content
    /// The `[fault]` table: misbehaviour from the start of every insertion.
    public let fault: VirtualCardFault?

    public var kind: Kind {
        switch content {
        case .ssc: .ssc
        case .idCard: .idcard
        }
    }

    public var atr: [UInt8] {
        switch content {
        case .ssc(let card): card.atr
        case .idCard(let card): card.atr
        }
    }

    init(source: String, content: Content, fault: VirtualCardFault?) {
        self.source = source
        self.content = content
        self.fault = fault
    }
}

extension VirtualCardFile {
    public enum Gender: String, Sendable {
        case male
        case female

        /// The code both cards carry: '1' male, '2' female.
        var code: String { self == .male ? "1" : "2" }
    }
}
