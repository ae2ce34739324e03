/// Response bytes waiting to be fetched with GET RESPONSE `00 C0 00 00 xx`: each call hands out the
/// next chunk followed by `61xx` while more remains, or by 9000 with the last one.
struct PendingResponse: Equatable {
    private var remaining: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) {
        remaining = bytes[...]
    }

    var count: Int { remaining.count }
    var isEmpty: Bool { remaining.isEmpty }

    /// At most `maximum` bytes (Le; 256 for Le 00) and the status that follows them.
    mutating func next(maximum: Int) -> [UInt8] {
        let chunk = remaining.prefix(maximum)
        remaining = remaining.dropFirst(chunk.count)
        return Array(chunk) + (remaining.isEmpty ? StatusWord.bytes(StatusWord.ok) : StatusWord.moreData(remaining.count))
    }
}
