/// The holder's name as an SSC stores it: up to 15 characters (30 GB18030 bytes) in tag 09, the
/// rest (up to 20 bytes, 25 characters in all) in tag 4E 姓名扩展. Split on character boundaries.
struct SSCNameParts: Sendable, Equatable {
    static let mainCharacters = 15
    static let mainBytes = 30
    static let extensionBytes = 20
    static let totalCharacters = 25

    /// GB18030 bytes of tag 09 and 4E, unpadded (`extension` is empty when the name fits 09).
    let main: [UInt8]
    let `extension`: [UInt8]

    /// Tag 09's 30 bytes, padded with 00.
    var mainField: [UInt8] { main + [UInt8](repeating: 0, count: Self.mainBytes - main.count) }
    /// Tag 4E's 20 bytes, padded with 00 (all zeros when the name fits 09).
    var extensionField: [UInt8] { `extension` + [UInt8](repeating: 0, count: Self.extensionBytes - `extension`.count) }

    /// Fails with a message that does not repeat the name.
    static func split(_ name: String, extensionAllowed: Bool) -> Result<SSCNameParts, CardFileProblem> {
        var main: [UInt8] = []
        var rest: [UInt8] = []
        var mainCount = 0
        for character in name {
            guard let bytes = GB18030.encode(String(character)) else {
                return .failure(CardFileProblem("cannot be encoded in GB18030 (is glibc's GB18030 converter installed?)"))
            }
            if rest.isEmpty, mainCount < mainCharacters, main.count + bytes.count <= mainBytes {
                main += bytes
                mainCount += 1
            } else {
                rest += bytes
            }
        }
        let total = name.count
        if !extensionAllowed, !rest.isEmpty {
            return .failure(CardFileProblem("\(total) characters (\(main.count + rest.count) GB18030 bytes) do not fit tag 09 (15 characters, 30 bytes) and this card has no tag 4E"))
        }
        if total > totalCharacters || rest.count > extensionBytes {
            return .failure(CardFileProblem("\(total) characters (\(main.count + rest.count) GB18030 bytes) do not fit tags 09 and 4E (at most 25 characters: 15 in 30 bytes, then 20 bytes)"))
        }
        return .success(SSCNameParts(main: main, extension: rest))
    }
}
