/// One HID POS input report (after its report ID) read through a layout: the data it carries,
/// or why it cannot be trusted. Reasons give sizes and offsets only, never data.
struct HIDPOSReport {
    struct Fragment {
        var data: ArraySlice<UInt8>
        var symbology: AIMSymbology?
        var continues: Bool
    }

    struct Malformed: Error {
        var reason: String
    }

    /// The report's continuation flag is readable and set, whether or not the rest of it is sound.
    let continues: Bool
    let fragment: Result<Fragment, Malformed>

    init(payload: [UInt8], layout: HIDPOSReportLayout) {
        let flagReadable = layout.continuationOffset.map { payload.indices.contains($0) } ?? true
        continues = layout.continuationOffset.map { payload.indices.contains($0) && payload[$0] != 0 } ?? false
        fragment = Self.parse(payload, layout, flagReadable: flagReadable, continues: continues)
    }

    private static func parse(_ payload: [UInt8], _ layout: HIDPOSReportLayout, flagReadable: Bool, continues: Bool) -> Result<Fragment, Malformed> {
        let size = payload.count
        guard payload.indices.contains(layout.lengthOffset) else {
            return .failure(Malformed(reason: "HID POS report too short for its length byte (\(size.counted("byte")), length at byte \(layout.lengthOffset))"))
        }
        guard (0...size).contains(layout.dataOffset) else {
            return .failure(Malformed(reason: "HID POS report too short for its data (\(size.counted("byte")), data at byte \(layout.dataOffset))"))
        }
        let length = Int(payload[layout.lengthOffset])
        let available = size - layout.dataOffset
        guard length <= available else {
            return .failure(Malformed(reason: "HID POS report shorter than its length byte (\(length) > \(available))"))
        }
        let dataRange = layout.dataOffset..<(layout.dataOffset + length)
        if let offset = layout.continuationOffset {
            guard flagReadable else {
                return .failure(Malformed(reason: "HID POS report too short for its continuation flag (\(size.counted("byte")), flag at byte \(offset))"))
            }
            guard !dataRange.contains(offset) else {
                return .failure(Malformed(reason: "HID POS data (\(length.counted("byte"))) runs into the continuation flag at byte \(offset)"))
            }
        }
        let symbologyRange = layout.symbologyOffset..<(layout.symbologyOffset + HIDPOSReportLayout.symbologyLength)
        guard layout.symbologyOffset >= 0, symbologyRange.upperBound <= size else {
            return .failure(Malformed(reason: "HID POS report too short for its symbology bytes (\(size.counted("byte")), symbology at byte \(layout.symbologyOffset))"))
        }
        return .success(Fragment(data: payload[dataRange], symbology: symbology(payload[symbologyRange]), continues: continues))
    }

    /// All zero: the scanner sent none. Anything but a well-formed identifier counts as none too.
    private static func symbology(_ bytes: ArraySlice<UInt8>) -> AIMSymbology? {
        guard bytes.contains(where: { $0 != 0 }), bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return AIMSymbology(identifier: String(decoding: bytes, as: UTF8.self))
    }
}
