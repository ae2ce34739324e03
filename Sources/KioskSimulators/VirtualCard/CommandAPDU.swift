/// A short command APDU (ISO 7816-4 cases 1–4). Extended lengths are not used by either card.
struct CommandAPDU: Equatable {
    let cla: UInt8
    let ins: UInt8
    let p1: UInt8
    let p2: UInt8
    let data: [UInt8]
    /// Expected length; nil when absent. Le 00 means 256.
    let le: Int?

    /// nil when the bytes are not a well-formed short APDU.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 4 else { return nil }
        cla = bytes[0]
        ins = bytes[1]
        p1 = bytes[2]
        p2 = bytes[3]
        let body = bytes.dropFirst(4)
        guard let first = body.first else {
            data = []
            le = nil
            return
        }
        if body.count == 1 {
            data = []
            le = first == 0 ? 256 : Int(first)
            return
        }
        let lc = Int(first)
        guard lc > 0, body.count == 1 + lc || body.count == 2 + lc else { return nil }
        data = Array(body.dropFirst().prefix(lc))
        if body.count == 2 + lc, let last = body.last {
            le = last == 0 ? 256 : Int(last)
        } else {
            le = nil
        }
    }
}
