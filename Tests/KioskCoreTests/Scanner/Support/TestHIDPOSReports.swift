/// HID POS input reports as a Honeywell-style scanner sends them: 64 bytes, report ID 0x02,
/// length, AIM identifier, up to 56 data bytes, symbology code ID at 60, continuation flag at 62.
enum TestHIDPOSReports {
    static let reportSize = 64
    static let chunkSize = 56

    /// The reports for one code, `chunk` data bytes each.
    static func reports(_ data: [UInt8], aim: String? = "]Q1", reportID: UInt8 = 0x02, chunk: Int = chunkSize) -> [[UInt8]] {
        var reports: [[UInt8]] = []
        var start = 0
        repeat {
            let end = min(start + chunk, data.count)
            reports.append(report(Array(data[start..<end]), aim: aim, reportID: reportID, continues: end < data.count))
            start = end
        } while start < data.count
        return reports
    }

    static func reports(_ text: String, aim: String? = "]Q1", chunk: Int = chunkSize) -> [[UInt8]] {
        reports(Array(text.utf8), aim: aim, chunk: chunk)
    }

    static func report(_ data: [UInt8], aim: String? = "]Q1", reportID: UInt8 = 0x02, continues: Bool = false, length: UInt8? = nil) -> [UInt8] {
        var report = [UInt8](repeating: 0, count: reportSize)
        report[0] = reportID
        report[1] = length ?? UInt8(data.count)
        for (index, byte) in Array((aim ?? "").utf8).prefix(3).enumerated() { report[2 + index] = byte }
        for (index, byte) in data.enumerated() where 5 + index < reportSize { report[5 + index] = byte }
        report[61] = 0x73
        report[63] = continues ? 1 : 0
        return report
    }
}
