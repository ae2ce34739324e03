import KioskCore

/// The optional keys of a `Devices/scanners/*.toml` file; problems name the file and key.
extension ScannerModel {
    /// Nil when a key is missing or wrong (each is reported).
    init?(id: String, profile: DeviceProfileReader) {
        let name = profile.string("name")
        let vendorID = profile.hex16("vendor_id")
        let productID = profile.hex16("product_id")
        let mode = Self.loadMode(profile)
        let interfaceNumber = Self.loadInterfaceNumber(profile)
        let hidPOS = mode.map { Self.loadHIDPOS(profile, mode: $0) }
        let interKeyTimeout = mode.flatMap { Self.loadInterKeyTimeout(profile, mode: $0) }
        guard let name, let vendorID, let productID, let mode, let interfaceNumber, let hidPOS, let layout = hidPOS.layout, let interKeyTimeout else {
            return nil
        }
        self.init(id: id, name: name, vendorID: vendorID, productID: productID, mode: mode, interfaceNumber: interfaceNumber, hidPOS: layout,
                  initFeatureReport: hidPOS.initFeatureReport, interKeyTimeout: interKeyTimeout)
    }

    static let interKeyTimeoutMilliseconds = 20...2000
    static let profileKeys = [
        "": ["name", "vendor_id", "product_id", "mode", "interface", "inter_key_timeout_ms", "hid_pos"],
        "hid_pos": ["report_id", "length_offset", "symbology_offset", "data_offset", "continuation_offset", "init_feature_report"],
    ]

    /// `mode`: "hid-pos" or "keyboard" (the default: most scanners ship as a keyboard).
    static func loadMode(_ profile: DeviceProfileReader) -> ScannerMode? {
        guard profile.has("mode") else { return .keyboard }
        guard let text = profile.string("mode") else { return nil }
        guard let mode = ScannerMode(rawValue: text) else { return profile.problem("mode", "\"\(text)\" is not hid-pos or keyboard") }
        return mode
    }

    /// `interface`: the USB interface number, 0 by default.
    static func loadInterfaceNumber(_ profile: DeviceProfileReader) -> Int? {
        guard profile.has("interface") else { return 0 }
        guard let number = profile.int("interface") else { return nil }
        guard (0...255).contains(number) else { return profile.problem("interface", "\(number) is not a USB interface number 0–255") }
        return number
    }

    /// `inter_key_timeout_ms`: keyboard mode only.
    static func loadInterKeyTimeout(_ profile: DeviceProfileReader, mode: ScannerMode) -> Duration? {
        guard profile.has("inter_key_timeout_ms") else { return standardInterKeyTimeout }
        guard mode == .keyboard else { return profile.problem("inter_key_timeout_ms", "the model's mode is hid-pos, so it is never used") }
        guard let milliseconds = profile.int("inter_key_timeout_ms") else { return nil }
        let range = interKeyTimeoutMilliseconds
        guard range.contains(milliseconds) else {
            return profile.problem("inter_key_timeout_ms", "\(milliseconds) is not \(range.lowerBound)–\(range.upperBound) milliseconds")
        }
        return .milliseconds(milliseconds)
    }

    /// The `[hid_pos]` table (HID POS mode only): the report layout, standard values for what it
    /// leaves out, and the optional init feature report. A nil layout: a problem was reported.
    static func loadHIDPOS(_ profile: DeviceProfileReader, mode: ScannerMode) -> (layout: HIDPOSReportLayout?, initFeatureReport: [UInt8]?) {
        guard let section = profile.section("hid_pos") else { return (.standard, nil) }
        guard mode == .hidPOS else { return (profile.problem("hid_pos", "the model's mode is keyboard, so a [hid_pos] table is never used"), nil) }
        var layout = HIDPOSReportLayout.standard
        let problemsBefore = profile.root.log.problems.count
        if let text = section.string("report_id") {
            layout.reportID = reportID(text, section) ?? layout.reportID
        }
        layout.lengthOffset = section.byte("length_offset").map(Int.init) ?? layout.lengthOffset
        layout.symbologyOffset = section.byte("symbology_offset").map(Int.init) ?? layout.symbologyOffset
        layout.dataOffset = section.byte("data_offset").map(Int.init) ?? layout.dataOffset
        if section.has("continuation_offset") {
            layout.continuationOffset = section.table.optional("continuation_offset", continuationOffset) ?? layout.continuationOffset
        }
        let initFeatureReport = section.hexBytes("init_feature_report", count: 2...64)
        // Overlaps are judged only on offsets that were read as written.
        guard profile.root.log.problems.count == problemsBefore else { return (nil, initFeatureReport) }
        return (rejectOverlaps(layout, section) ? nil : layout, initFeatureReport)
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
    /// Nil when reported as wrong; `.some(nil)` for a device without report IDs.
    private static func reportID(_ text: String, _ section: DeviceProfileSection) -> UInt8?? {
        if text == "none" { return .some(nil) }
        guard text.count == 2, text.allSatisfy(\.isHexDigit), let id = UInt8(text, radix: 16) else {
            return section.problem("report_id", "\"\(text)\" is not 2 hex digits or \"none\"")
        }
        return id
    }

    /// The length byte, the three symbology bytes, the first data byte and the continuation flag
    /// must each have their own place in the report. Whether one overlapped (reported).
    private static func rejectOverlaps(_ layout: HIDPOSReportLayout, _ section: DeviceProfileSection) -> Bool {
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
                section.report(field.key, "\(field.bytes.lowerBound) puts \(field.what) on \(earlier.what) (\(earlier.key) = \(earlier.bytes.lowerBound))")
                return true
            }
        }
        return false
    }
}
