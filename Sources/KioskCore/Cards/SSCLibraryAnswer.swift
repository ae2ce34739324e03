/// What the social security card reader's standard library (the ministry's "部标" SSCardDriver
/// interface) answers, as a `CardHolder` with the same fields and checks as a read over PC/SC.
///
/// `iReadCardBas` answers, in GBK, every field followed by `|` (regional libraries append more):
/// `发卡地区行政区划代码|社会保障号码|卡号|卡识别码|姓名|卡复位信息|规范版本|发卡日期|卡有效期|终端机编号|终端设备号|`,
/// e.g. `639900|111111198101011110|X00000019|639900D15600000500BF7C7A48FB4966|张三|00814E43238697159900BF7C7A|1.00|20101001|20201001|410100813475|终端设备号|`;
/// the name is 姓名 with 姓名扩展 appended, the dates YYYYMMDD. `iReadCard` answers the records
/// asked for by address (`SSSEEF05|02|$SSSEEF06|0A|0B|0D|$`) in the same layout, each tag replaced
/// by its value. Sources: vendors' SSCardDriver headers and integrators' code quoting the standard
/// (the standard's own text is not public); the field order and example are the standard's.
public enum SSCLibraryAnswer {
    /// The fields of `iReadCardBas`.
    public struct Basic: Sendable, Equatable {
        public var regionCode: String
        public var idNumber: String
        public var cardNumber: String
        public var cardIdentifier: String
        public var name: String
        /// 卡复位信息: the ATR's historical bytes, hex.
        public var resetHistory: String
        public var specVersion: String
        public var issueDate: String
        public var expiryDate: String
        /// 终端机编号 and 终端设备号, from the reader's PSAM (may be empty or zeros).
        public var terminalNumber: String
        public var terminalDevice: String
    }

    /// The records `iReadCard` is asked for beside `iReadCardBas`: 卡类别, then 性别, 民族, 出生日期.
    public static let holderRecordsAddress = "SSSEEF05|02|$SSSEEF06|0A|0B|0D|$"

    public static func basic(_ bytes: [UInt8]) throws(KioskError) -> Basic {
        let fields = try self.fields(bytes, what: "iReadCardBas")
        guard fields.count >= 11 else {
            throw KioskError(.cardUnreadable, "the SSC library's iReadCardBas answered \(fields.count) field(s), 11 expected")
        }
        return Basic(regionCode: fields[0], idNumber: fields[1], cardNumber: fields[2], cardIdentifier: fields[3], name: fields[4],
                     resetHistory: fields[5], specVersion: fields[6], issueDate: fields[7], expiryDate: fields[8],
                     terminalNumber: fields[9], terminalDevice: fields[10])
    }

    /// The values of `iReadCard`'s answer to `address`, by file and tag (e.g. "SSSEEF06" → "0A" → "1").
    public static func records(_ bytes: [UInt8], address: String) throws(KioskError) -> [String: [String: String]] {
        let answer = try text(bytes, what: "iReadCard")
        let asked = address.split(separator: "$", omittingEmptySubsequences: true)
        let answered = answer.split(separator: "$", omittingEmptySubsequences: true)
        guard asked.count == answered.count else {
            throw KioskError(.cardUnreadable, "the SSC library's iReadCard answered \(answered.count) file(s) for the \(asked.count) asked")
        }
        var values: [String: [String: String]] = [:]
        for (file, answer) in zip(asked, answered) {
            let tags = file.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let found = answer.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard tags.count == found.count, tags.first == found.first else {
                throw KioskError(.cardUnreadable, "the SSC library's iReadCard answer does not follow the address \(file)|$")
            }
            values[tags[0]] = Dictionary(zip(tags.dropFirst(), found.dropFirst()).filter { !$0.0.isEmpty }) { first, _ in first }
        }
        return values
    }

    /// The holder, checked as a PC/SC read is: the name decoded, the dates real, gender and nation coded.
    public static func holder(_ basic: Basic, records: [String: [String: String]] = [:]) throws(KioskError) -> CardHolder {
        func date(_ text: String, _ field: String) throws(KioskError) -> CalendarDate? {
            guard !text.isEmpty else { return nil }
            let digits = text.compactMap(\.wholeNumberValue)
            guard digits.count == 8, text.count == 8, let date = CalendarDate(compactDigits: digits) else {
                throw KioskError(.cardUnreadable, "the SSC library's \(field) \"\(text)\" is not a date YYYYMMDD")
            }
            return date
        }
        guard !basic.name.isEmpty else { throw KioskError(.cardUnreadable, "the SSC library answered no name (姓名)") }
        guard !basic.idNumber.isEmpty else { throw KioskError(.cardUnreadable, "the SSC library answered no social security number (社会保障号码)") }
        guard !basic.name.unicodeScalars.contains(where: \.properties.isControlCharacter) else {
            throw KioskError(.cardUnreadable, "the SSC library's name (姓名) contains control characters")
        }
        var card = CardHolder(kind: .socialSecurityCard, name: basic.name, idNumber: basic.idNumber)
        let region = basic.cardIdentifier.prefix(6)
        card.regionCode = region.count == 6 && region.allSatisfy(\.isASCIIDigit) ? String(region) : nil
        card.specVersion = basic.specVersion.isEmpty ? nil : basic.specVersion
        // The standard: only the first 9 characters are the card number.
        card.cardNumber = basic.cardNumber.isEmpty ? nil : String(basic.cardNumber.prefix(9))
        card.issueDate = try date(basic.issueDate, "发卡日期")
        card.expiry = try date(basic.expiryDate, "卡有效期").map(CardExpiry.on)
        let issuer = records["SSSEEF05"] ?? [:], holder = records["SSSEEF06"] ?? [:]
        card.cardType = issuer["02"].flatMap { $0.isEmpty ? nil : $0 }
        if let gender = holder["0A"], !gender.isEmpty {
            card.gender = try GenderCode.gender(gender, else: KioskError(.cardUnreadable, "the SSC library's 性别 \"\(gender)\": \(GenderCode.expectation)"))
        }
        if let nation = holder["0B"], !nation.isEmpty {
            guard let code = Int(nation), nation.count == 2 else {
                throw KioskError(.cardUnreadable, "the SSC library's 民族 \"\(nation)\" is not a two-digit code")
            }
            card.nation = NationCode.name(code)
        }
        card.birthDate = try holder["0D"].flatMap { text throws(KioskError) in try date(text, "出生日期") }
        return card
    }

    /// The answer's `|`-separated fields (the trailing `|` ends the last one).
    static func fields(_ bytes: [UInt8], what: String) throws(KioskError) -> [String] {
        var fields = try text(bytes, what: what).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        if fields.last == "" { fields.removeLast() }
        return fields
    }

    /// GBK (GB18030) text up to its NUL. Decoded before it is split: a GBK trail byte can be 0x7C, `|`.
    public static func text(_ bytes: [UInt8], what: String) throws(KioskError) -> String {
        let answer = Array(bytes.prefix { $0 != 0 })
        do {
            return try GB18030.decode(answer)
        } catch {
            throw KioskError(.cardUnreadable, "the SSC library's \(what) answer \(error.problem)")
        }
    }
}
