/// A READ RECORD answer: `tag len value`.
enum SSCRecord {
    /// The value of `field` from a record answer. `position` is the record number when records are
    /// addressed by number (the tag then says whether the profile's record order matches the card).
    static func value(of data: [UInt8], field: SSCField, position: Int?) throws(KioskError) -> [UInt8] {
        guard data.count >= 2 else {
            throw field.unreadable("answer has \(data.count) byte(s), a tag and a length expected")
        }
        guard data[0] == field.tag else {
            let asked = position.map { "record \($0)" } ?? "the record"
            throw field.unreadable("was expected, but \(asked) has tag \(data[0].hexByte)")
        }
        let length = Int(data[1])
        guard length <= data.count - 2 else {
            throw field.unreadable("has length \(length), but only \(data.count - 2) byte(s) follow")
        }
        switch field.length {
        case .exactly(let expected) where length != expected:
            throw field.unreadable("has length \(length), \(expected) expected")
        case .atMost(let maximum) where length > maximum:
            throw field.unreadable("has length \(length), at most \(maximum) expected")
        default:
            return Array(data[2..<(2 + length)])
        }
    }
}
