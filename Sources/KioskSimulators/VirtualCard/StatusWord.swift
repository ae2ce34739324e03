/// Status words both virtual cards answer with.
enum StatusWord {
    static let ok: UInt16 = 0x9000
    static let wrongLength: UInt16 = 0x6700
    static let conditionsNotSatisfied: UInt16 = 0x6985
    static let noCurrentEF: UInt16 = 0x6986
    static let wrongData: UInt16 = 0x6A80
    static let fileNotFound: UInt16 = 0x6A82
    static let recordNotFound: UInt16 = 0x6A83
    static let wrongParameters: UInt16 = 0x6A86
    static let insNotSupported: UInt16 = 0x6D00
    static let claNotSupported: UInt16 = 0x6E00

    static func bytes(_ word: UInt16) -> [UInt8] {
        [UInt8(word >> 8), UInt8(word & 0xFF)]
    }

    /// `61xx`: xx more bytes wait for GET RESPONSE (00 when 256 or more).
    static func moreData(_ remaining: Int) -> [UInt8] {
        [0x61, remaining >= 256 ? 0 : UInt8(remaining)]
    }

    /// `6Cxx`: resend with Le = xx.
    static func exactLength(_ length: Int) -> [UInt8] {
        [0x6C, length >= 256 ? 0 : UInt8(length)]
    }
}
