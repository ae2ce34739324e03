/// The ID reader's SAM number, the 16 data bytes of the `12 FF` answer: two little-endian 16-bit
/// values, then three little-endian 32-bit values, shown as sdtapi's `SDT_GetSAMIDToStr` shows them,
/// `%.2d.%.2d-%.8u-%.10u-%.10u` (e.g. `05.01-20101010-0012345678-1234567890`). Sources: the
/// Routon-derived sdtapi implementation and header (github.com/libinqi/idr-routon
/// `tmp/include/sdtapi.h`); other vendors format the same bytes differently, so technicians also
/// get the raw bytes (`hex`).
public struct GA467SAMNumber: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    public var description: String {
        func little(_ offset: Int, _ count: Int) -> UInt64 {
            (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
        }
        func padded(_ value: UInt64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(little(0, 2), 2)).\(padded(little(2, 2), 2))-\(padded(little(4, 4), 8))-\(padded(little(8, 4), 10))-\(padded(little(12, 4), 10))"
    }

    public var hex: String { HexBytes.format(bytes, separator: "") }
}
