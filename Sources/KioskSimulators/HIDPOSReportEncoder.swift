import KioskCore

/// The input reports a HID POS scanner sends for one code: each report `layout.reportID` first, then
/// the length byte, the three-byte AIM identifier, the data and the "more follows" flag where the
/// layout puts them (`HIDPOSReportLayout.standard`: Honeywell's, and the scanners that copy it). What
/// `kioskd --demo`'s scanner feeds to the real decoder, and what the USB tests' scanners send.
public enum HIDPOSReportEncoder {
    /// The interrupt-IN report size of the standard layout's scanners (wMaxPacketSize 64).
    public static let reportLength = 64

    /// One code as consecutive reports, as many as its data needs.
    public static func reports(for data: [UInt8], symbology: String = "]Q1", layout: HIDPOSReportLayout = .standard) -> [[UInt8]] {
        let payloadLength = reportLength - (layout.reportID == nil ? 0 : 1)
        let perReport = min(255, (layout.continuationOffset ?? payloadLength) - layout.dataOffset)
        let chunks = data.isEmpty ? [[]] : stride(from: 0, to: data.count, by: perReport).map { Array(data[$0..<min($0 + perReport, data.count)]) }
        return chunks.enumerated().map { index, chunk in
            report(chunk, symbology: symbology, more: index < chunks.count - 1, layout: layout)
        }
    }

    /// One report carrying `data` (at most what the layout has room for).
    public static func report(_ data: [UInt8], symbology: String = "]Q1", more: Bool = false, layout: HIDPOSReportLayout = .standard) -> [UInt8] {
        var payload = [UInt8](repeating: 0, count: reportLength - (layout.reportID == nil ? 0 : 1))
        precondition(layout.dataOffset + data.count <= (layout.continuationOffset ?? payload.count), "more data than one report holds")
        payload[layout.lengthOffset] = UInt8(data.count)
        let aim = Array(symbology.utf8.prefix(HIDPOSReportLayout.symbologyLength))
        payload.replaceSubrange(layout.symbologyOffset..<(layout.symbologyOffset + aim.count), with: aim)
        payload.replaceSubrange(layout.dataOffset..<(layout.dataOffset + data.count), with: data)
        if let flag = layout.continuationOffset { payload[flag] = more ? 1 : 0 }
        return (layout.reportID.map { [$0] } ?? []) + payload
    }
}
