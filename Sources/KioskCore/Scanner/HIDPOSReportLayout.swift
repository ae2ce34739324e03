/// Where a HID POS scanner puts length, symbology, data and the "more follows" flag in its
/// input report. Offsets count from the first byte after the report ID.
///
/// The standard layout is the one seen in practice (Honeywell, and scanners that copy it):
/// report ID 0x02, byte 0 = data length, bytes 1–3 = AIM identifier, data from byte 4,
/// byte 62 ≠ 0 when more reports follow for the same code.
public struct HIDPOSReportLayout: Sendable, Equatable {
    /// Reports with another ID are not scanned data and are ignored; nil when the device has no report IDs.
    public var reportID: UInt8?
    /// The byte that says how many data bytes this report carries.
    public var lengthOffset: Int
    /// Three bytes of AIM identifier; all zero when the scanner sends none.
    public var symbologyOffset: Int
    public var dataOffset: Int
    /// Non-zero there means the code continues in the next report; nil when every code fits one report.
    public var continuationOffset: Int?

    public static let standard = HIDPOSReportLayout()

    public init(reportID: UInt8? = 0x02, lengthOffset: Int = 0, symbologyOffset: Int = 1, dataOffset: Int = 4, continuationOffset: Int? = 62) {
        self.reportID = reportID
        self.lengthOffset = lengthOffset
        self.symbologyOffset = symbologyOffset
        self.dataOffset = dataOffset
        self.continuationOffset = continuationOffset
    }

    public static let symbologyLength = 3
}
