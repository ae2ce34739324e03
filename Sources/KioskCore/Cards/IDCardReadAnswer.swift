/// The data of a successful read (30 01): text length (2, big-endian), photo length (2), the
/// 256-byte text block, the photo (1024 bytes of WLT).
enum IDCardReadAnswer {
    static func split(_ data: [UInt8]) throws(KioskError) -> (text: [UInt8], photo: [UInt8]) {
        guard data.count >= 4 else {
            throw KioskError(
                .cardUnreadable, "the ID card read answer has \(data.count) byte(s), at least 4 (text and photo lengths) expected"
            )
        }
        let textLength = Int(data[0]) << 8 | Int(data[1])
        let photoLength = Int(data[2]) << 8 | Int(data[3])
        guard textLength == IDCardTextBlock.length else {
            throw KioskError(.cardUnreadable, "the ID card read answer announces \(textLength) bytes of text, \(IDCardTextBlock.length) expected")
        }
        guard 4 + textLength + photoLength == data.count else {
            throw KioskError(.cardUnreadable, "the ID card read answer announces \(textLength) + \(photoLength) bytes of text and photo, but carries \(data.count - 4)")
        }
        return (Array(data[4..<(4 + textLength)]), Array(data[(4 + textLength)...]))
    }
}
