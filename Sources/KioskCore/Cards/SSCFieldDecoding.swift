/// Turns SSC record values into text, dates and codes; each failure names the field.
enum SSCFieldDecoding {
    /// Trailing 00, 20 and FF bytes pad fixed-length fields. None of them is a GB18030 trail byte,
    /// so stripping before decoding never cuts a character.
    static func stripPadding(_ value: [UInt8]) -> [UInt8] {
        var end = value.count
        while end > 0, [0x00, 0x20, 0xFF].contains(value[end - 1]) { end -= 1 }
        return Array(value[..<end])
    }

    /// Printable ASCII, padding stripped.
    static func ascii(_ value: [UInt8], _ field: SSCField) throws(KioskError) -> String {
        let bytes = stripPadding(value)
        guard bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { throw field.unreadable("is not printable ASCII") }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func date(_ value: [UInt8], _ field: SSCField) throws(KioskError) -> CalendarDate {
        guard let digits = BCD.digits(value) else { throw field.unreadable("is not BCD") }
        guard let date = CalendarDate(compactDigits: digits) else { throw field.unreadable("is not a real date YYYYMMDD") }
        return date
    }

    /// 民族 as one BCD byte (01 汉 … 97 其他); nil for a code GB 3304 does not list (00 = not recorded).
    static func nation(_ value: [UInt8], _ field: SSCField) throws(KioskError) -> String? {
        guard let digits = BCD.digits(value), digits.count == 2 else { throw field.unreadable("is not BCD") }
        return NationCode.name(digits[0] * 10 + digits[1])
    }

    static func gender(_ value: [UInt8], _ field: SSCField) throws(KioskError) -> CardHolder.Gender? {
        try GenderCode.gender(try ascii(value, field), else: field.unreadable(GenderCode.expectation))
    }

    /// 姓名 (tag 09) with 姓名扩展 (tag 4E) appended. The two are joined before decoding so a
    /// character split across them still decodes.
    static func name(_ main: [UInt8], extension: [UInt8]?) throws(KioskError) -> String {
        let field = SSCField.name
        let extensionBytes = stripPadding(`extension` ?? [])
        let bytes = stripPadding(main) + extensionBytes
        let label = extensionBytes.isEmpty ? "\(field)" : "EF06 tags 09 and 4E (name)"
        guard !bytes.isEmpty else { throw field.unreadable("is empty") }
        let name: String
        do {
            name = try GB18030.decode(bytes)
        } catch {
            throw KioskError(.cardUnreadable, "\(label) \(error.problem)")
        }
        guard !name.unicodeScalars.contains(where: \.properties.isControlCharacter) else {
            throw KioskError(.cardUnreadable, "\(label) contains control characters")
        }
        return name
    }
}
