/// The two elementary files of the SSSE application the kiosk reads.
enum SSCFile: Sendable, CustomStringConvertible {
    /// 发卡机构数据: card identifier, type, spec version, dates, card number.
    case ef05
    /// 持卡人基本信息: ID number, name, gender, nation, birth date.
    case ef06

    var identifier: [UInt8] {
        switch self {
        case .ef05: [0xEF, 0x05]
        case .ef06: [0xEF, 0x06]
        }
    }

    /// READ RECORD P2 with record-number addressing: short file identifier << 3 | 4.
    var recordP2: UInt8 {
        switch self {
        case .ef05: 0x2C
        case .ef06: 0x34
        }
    }

    var description: String {
        switch self {
        case .ef05: "EF05"
        case .ef06: "EF06"
        }
    }
}
