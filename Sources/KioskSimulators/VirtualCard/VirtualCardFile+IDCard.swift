import KioskCore

extension VirtualCardFile {
    /// `kind = "idcard"`: an ID card (or residence permit) as the ID reader's SAM reports it,
    /// GA 467 frames tunnelled in PC/SC APDUs.
    public struct IDCard: Sendable, Equatable {
        public let name: String
        public let idNumber: String
        public let gender: Gender
        /// Two digits; nil on a residence permit, which carries no nation.
        public let nation: String?
        public let birthDate: CalendarDate
        public let address: String
        public let issuingAuthority: String
        public let validFrom: CalendarDate
        public let validTo: ValidTo
        public let permit: Permit?
        /// The 4-byte APDU header the reader's tunnel puts before each GA 467 frame.
        public let tunnelHeader: [UInt8]
        /// 1024 bytes of WLT "photo" (opaque to the kiosk).
        public let photo: [UInt8]
        public let atr: [UInt8]
    }

    public enum ValidTo: Sendable, Equatable {
        case date(CalendarDate)
        /// 长期
        case longTerm
    }

    /// A Hong Kong, Macau or Taiwan resident's residence permit (港澳台居民居住证).
    public struct Permit: Sendable, Equatable {
        /// The 通行证 number, up to 9 characters.
        public let passNumber: String
        /// 签发次数, 0–99.
        public let issueCount: Int
    }
}
