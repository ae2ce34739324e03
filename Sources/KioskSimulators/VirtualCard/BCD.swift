import KioskCore

/// Packed BCD, two decimal digits per byte, as the SSC stores dates, nation and birthplace.
enum BCD {
    /// `digits` must be an even number of ASCII digits (validated when the card file loads).
    static func encode(_ digits: String) -> [UInt8] {
        let values = digits.compactMap(\.wholeNumberValue).map(UInt8.init)
        return stride(from: 0, to: values.count - 1, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }

    /// YYYYMMDD in 4 bytes.
    static func encode(_ date: CalendarDate) -> [UInt8] {
        encode(date.compactDigits)
    }
}

extension CalendarDate {
    /// "YYYYMMDD", the form of dates on both cards.
    var compactDigits: String { description.filter(\.isASCIIDigit) }
}
