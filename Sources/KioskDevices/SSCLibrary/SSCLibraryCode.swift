import KioskCore

/// The return codes of the standard SSC terminal interface (the "部标" SSCardDriver), as the
/// vendors' documentation and integrators' code quote the standard's table: 0 is success; a card's
/// own status word comes back as the negative of SW1SW2 (e.g. −27266 = −0x6A82). Each becomes the
/// `KioskError` the PC/SC path gives for the same fault, so the resident reads the same Chinese.
enum SSCLibraryCode {
    static func error(_ code: Int32, call: String, text: [UInt8]) -> KioskError {
        let said = (try? SSCLibraryAnswer.text(text, what: call)).flatMap { $0.isEmpty ? nil : "“\($0)”" }
        let answered = "\(call) returned \(code)" + (said.map { " \($0)" } ?? "")
        switch code {
        case -2: return KioskError(.cardRemoved, "no card in the SSC reader (\(answered))")
        case -1: return KioskError(.cardNotSupported, "not a social security card, or inserted the wrong way round (卡类型不对; \(answered))")
        case -3, -4: return KioskError(.cardNotResponding, "the card does not answer (\(code == -3 ? "有卡未上电" : "卡无应答"); \(answered))")
        case -5: return KioskError(.cardReaderMissing, "the SSC library could not load its own libraries (加载动态库错; \(answered))")
        case -11, -12: return KioskError(.cardReaderMissing, "the SSC library cannot reach the reader (\(code == -11 ? "读卡器连接错" : "未建立连接"); \(answered)): check its cable and the library's own configuration")
        case -13, -14: return KioskError(.cardUnreadable, "the SSC library refused the call (\(code == -13 ? "不支持该命令" : "命令参数错"); \(answered))")
        case -15: return KioskError(.cardUnreadable, "the card's data failed its checksum (信息校验和出错; \(answered))")
        case -20: return KioskError(.cardUnreadable, "the card identification code is malformed (卡识别码格式错; \(answered))")
        case -21: return KioskError(.cardNotSupported, "the card failed internal authentication: not a genuine social security card (内部认证失败; \(answered))")
        case -22, -23, -25: return KioskError(.cardUnreadable, "the card refused the library's data (\(answered))")
        case -24, -2201, -2202, -2203:
            let why = [-24: "PSAM卡密钥级别不够", -2201: "无PSAM卡", -2202: "PSAM卡算法不支持", -2203: "PSAM卡内无RKSSSE密钥"][Int(code)] ?? ""
            return KioskError(.cardReaderSAMFailed, "the reader's PSAM cannot authenticate this card (\(why); \(answered)): a third-generation card needs a PSAM with its region's keys in the reader, or the province's card service (the HSM steps, which kioskd does not make)")
        case -52: return KioskError(.cardLocked, "the card's PIN is locked (PIN锁定; \(answered))")
        case ...(-0x6000):
            let status = UInt16(truncatingIfNeeded: -Int(code))
            switch status {
            case 0x6982: return KioskError(.cardNotSupported, "the card wants authentication the reader's PSAM did not give (SW 6982; \(answered))")
            case 0x6983: return KioskError(.cardLocked, "the card's PIN is locked (SW 6983; \(answered))")
            case 0x9303: return KioskError(.cardLocked, "the social security application is locked (SW 9303; \(answered))")
            case 0x6A82: return KioskError(.cardNotSupported, "no social security application or file on the card (SW 6A82; \(answered))")
            default: return KioskError(.cardUnreadable, "the card answered SW \(status.hexWord) (\(answered))")
            }
        default: return KioskError(.cardUnreadable, "\(answered), which the standard does not list")
        }
    }
}

private extension UInt16 {
    var hexWord: String { HexBytes.format([UInt8(self >> 8), UInt8(self & 0xFF)], separator: "") }
}
