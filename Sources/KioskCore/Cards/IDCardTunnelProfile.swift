/// How a PC/SC ID-card reader carries GA 467 frames (the `[idcard]` table of its `Devices/readers/`
/// file): each frame goes out as `header + Lc + frame + Le 00`.
public struct IDCardTunnelProfile: Sendable, Equatable {
    /// CLA INS P1 P2 of the transmit; exactly 4 bytes.
    public var header: [UInt8]

    public init(header: [UInt8] = [0xFF, 0xB0, 0x00, 0x00]) {
        self.header = header
    }

    public static let standard = IDCardTunnelProfile()
}
