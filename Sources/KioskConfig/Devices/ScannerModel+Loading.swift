import KioskCore

/// The optional keys of a `Devices/scanners/*.toml` file; problems name the file and key.
extension ScannerModel {
    init(id: String, profile: DeviceProfileReader) throws(KioskError) {
        let mode = try Self.loadMode(profile)
        let (hidPOS, initFeatureReport) = try Self.loadHIDPOS(profile, mode: mode)
        self.init(
            id: id, name: try profile.string("name"), vendorID: try profile.hex16("vendor_id"), productID: try profile.hex16("product_id"),
            mode: mode, interfaceNumber: try Self.loadInterfaceNumber(profile), hidPOS: hidPOS, initFeatureReport: initFeatureReport,
            interKeyTimeout: try Self.loadInterKeyTimeout(profile, mode: mode)
        )
    }

    static let interKeyTimeoutMilliseconds = 20...2000
    static let profileKeys = [
        "": ["name", "vendor_id", "product_id", "mode", "interface", "inter_key_timeout_ms", "hid_pos"],
        "hid_pos": ["report_id", "length_offset", "symbology_offset", "data_offset", "continuation_offset", "init_feature_report"],
    ]

    /// `mode`: "hid-pos" or "keyboard" (the default: most scanners ship as a keyboard).
    static func loadMode(_ profile: DeviceProfileReader) throws(KioskError) -> ScannerMode {
        guard profile.has("mode") else { return .keyboard }
        let text = try profile.string("mode")
        guard let mode = ScannerMode(rawValue: text) else { throw profile.problem("mode", "\"\(text)\" is not hid-pos or keyboard") }
        return mode
    }

    /// `interface`: the USB interface number, 0 by default.
    static func loadInterfaceNumber(_ profile: DeviceProfileReader) throws(KioskError) -> Int {
        guard profile.has("interface") else { return 0 }
        let number = try profile.int("interface")
        guard (0...255).contains(number) else { throw profile.problem("interface", "\(number) is not a USB interface number 0–255") }
        return number
    }

    /// `inter_key_timeout_ms`: keyboard mode only.
    static func loadInterKeyTimeout(_ profile: DeviceProfileReader, mode: ScannerMode) throws(KioskError) -> Duration {
        guard profile.has("inter_key_timeout_ms") else { return standardInterKeyTimeout }
        guard mode == .keyboard else { throw profile.problem("inter_key_timeout_ms", "the model's mode is hid-pos, so it is never used") }
        let milliseconds = try profile.int("inter_key_timeout_ms")
        let range = interKeyTimeoutMilliseconds
        guard range.contains(milliseconds) else {
            throw profile.problem("inter_key_timeout_ms", "\(milliseconds) is not \(range.lowerBound)–\(range.upperBound) milliseconds")
        }
        return .milliseconds(milliseconds)
    }

    /// The `[hid_pos]` table (HID POS mode only): the report layout, standard values for what it
    /// leaves out, and the optional init feature report.
    static func loadHIDPOS(_ profile: DeviceProfileReader, mode: ScannerMode) throws(KioskError) -> (HIDPOSReportLayout, [UInt8]?) {
        guard let section = try profile.section("hid_pos") else { return (.standard, nil) }
        guard mode == .hidPOS else { throw profile.problem("hid_pos", "the model's mode is keyboard, so a [hid_pos] table is never used") }
        var layout = HIDPOSReportLayout.standard
        if let text = try section.string("report_id") {
            layout.reportID = try reportID(text, section)
        }
        layout.lengthOffset = try section.byte("length_offset").map(Int.init) ?? layout.lengthOffset
        layout.symbologyOffset = try section.byte("symbology_offset").map(Int.init) ?? layout.symbologyOffset
        layout.dataOffset = try section.byte("data_offset").map(Int.init) ?? layout.dataOffset
        if section.has("continuation_offset") {
            layout.continuationOffset = try profile.checked(section.table.optional("continuation_offset", continuationOffset)) ?? nil
        }
        try rejectOverlaps(layout, section)
        return (layout, try section.hexBytes("init_feature_report", count: 2...64))
    }

    /// A byte offset, or "none" for reports without the flag.
    private static var continuationOffset: TOMLValueKind<Int?> {
        .init(expected: "an integer 0–255 or \"none\"") { node in
            switch TOMLValueKind<String>.string.read(node) {
            case .value("none"): return .value(nil)
            case .value(let text): return .invalid("\"\(text)\" is not an integer 0–255 or \"none\"")
            default: break
            }
            switch TOMLValueKind<Int>.integer(0...255).read(node) {
            case .value(let offset): return .value(offset)
            case .invalid(let message): return .invalid(message)
            case .wrongType: return .wrongType
            }
        }
    }

    /// "02" or "none" (a device without report IDs).
    private static func reportID(_ text: String, _ section: DeviceProfileSection) throws(KioskError) -> UInt8? {
        if text == "none" { return nil }
        guard text.count == 2, text.allSatisfy(\.isHexDigit), let id = UInt8(text, radix: 16) else {
            throw section.problem("report_id", "\"\(text)\" is not 2 hex digits or \"none\"")
        }
        return id
    }

    /// The length byte, the three symbology bytes, the first data byte and the continuation flag
    /// must each have their own place in the report.
    private static func rejectOverlaps(_ layout: HIDPOSReportLayout, _ section: DeviceProfileSection) throws(KioskError) {
        var fields: [(key: String, what: String, bytes: Range<Int>)] = [
            ("length_offset", "the length byte", layout.lengthOffset..<layout.lengthOffset + 1),
            ("symbology_offset", "the symbology bytes", layout.symbologyOffset..<layout.symbologyOffset + HIDPOSReportLayout.symbologyLength),
            ("data_offset", "the first data byte", layout.dataOffset..<layout.dataOffset + 1),
        ]
        if let offset = layout.continuationOffset {
            fields.append(("continuation_offset", "the continuation flag", offset..<offset + 1))
        }
        for (index, field) in fields.enumerated() {
            for earlier in fields[..<index] where field.bytes.overlaps(earlier.bytes) {
                throw section.problem(field.key, "\(field.bytes.lowerBound) puts \(field.what) on \(earlier.what) (\(earlier.key) = \(earlier.bytes.lowerBound))")
            }
        }
    }
}
