/// The 1024-byte WLT photo of an ID card. The kiosk keeps these bytes without decoding them, so a
/// deterministic pattern that differs between cards is enough to check that they arrive intact.
enum IDCardPhoto {
    static let length = 1024

    static func generated(seed: String) -> [UInt8] {
        let seedBytes = Array(seed.utf8).isEmpty ? [0x5A] : Array(seed.utf8)
        return (0..<length).map { index in
            UInt8(truncatingIfNeeded: index) ^ seedBytes[index % seedBytes.count] &* 7
        }
    }
}
