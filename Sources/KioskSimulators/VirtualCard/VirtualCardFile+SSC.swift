import KioskCore

extension VirtualCardFile {
    /// `kind = "ssc"`: the SSSE application of a social security card.
    public struct SSC: Sendable, Equatable {
        public let name: String
        public let idNumber: String
        public let gender: Gender
        /// Two digits, 01–56, 97 or 98.
        public let nation: String
        public let birthDate: CalendarDate
        /// Six digits (GB/T 2260).
        public let birthPlace: String

        /// 1, 2 or 3; the card's 规范版本 is "<generation>.00".
        public let generation: Int
        public let regionCode: String
        public let cardNumber: String
        public let issueDate: CalendarDate
        public let expiryDate: CalendarDate
        public let cardType: String
        public let addressing: Set<Addressing>
        public let responseStyle: ResponseStyle
        /// Whether EF06 has tag 4E (only generation 2 and 3 cards can).
        public let hasNameExtension: Bool
        public let atr: [UInt8]
        /// The GB18030 bytes of tag 09 (≤ 30) and 4E (≤ 20), before padding.
        let nameParts: SSCNameParts

        public var specVersion: String { "\(generation).00" }
    }

    /// Which READ RECORD styles the card answers.
    public enum Addressing: String, Sendable, CaseIterable {
        /// `00 B2 <tag> 00` after selecting EF05 / EF06.
        case tag
        /// `00 B2 <n> 2C` (EF05) and `00 B2 <n> 34` (EF06).
        case record
    }

    /// How the card hands out record data.
    public enum ResponseStyle: String, Sendable, CaseIterable {
        /// Data + 9000 whatever Le says.
        case direct
        /// `6Cxx` (the exact length) unless Le equals it.
        case wrongLength = "6C"
        /// `61xx`, the data on GET RESPONSE.
        case getResponse = "61"
    }
}
