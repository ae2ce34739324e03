/// Assembles codes from HID POS input reports (usage page 0x8C), without I/O.
///
/// A code longer than one report arrives as consecutive reports with the continuation flag set,
/// ended by one with the flag clear. A malformed report drops the code it belongs to, and the next
/// code starts fresh. When the malformed (or overlong) report said more would follow, the rest of
/// that code is skipped quietly up to its last report, so the tail of a broken code never comes
/// out as a code of its own.
public struct HIDPOSDecoder: Sendable, CustomStringConvertible {
    public let layout: HIDPOSReportLayout
    private var data: [UInt8] = []
    private var symbology: AIMSymbology?
    /// Reports of the code being assembled (the first may carry no data yet).
    private var partialReports = 0
    private var skippingRestOfCode = false

    public init(layout: HIDPOSReportLayout = .standard) {
        self.layout = layout
    }

    /// `report` exactly as read from the interrupt-IN endpoint, report ID first when the layout has one.
    public mutating func decode(report: [UInt8]) -> ScanDecodeResult {
        let payload: [UInt8]
        if let reportID = layout.reportID {
            guard let first = report.first else { return drop("empty HID POS report", continues: false) }
            guard first == reportID else { return .pending }
            payload = Array(report.dropFirst())
        } else {
            payload = report
        }
        let report = HIDPOSReport(payload: payload, layout: layout)
        if skippingRestOfCode {
            skippingRestOfCode = report.continues
            return .pending
        }
        let fragment: HIDPOSReport.Fragment
        switch report.fragment {
        case .failure(let problem): return drop(problem.reason, continues: report.continues)
        case .success(let parsed): fragment = parsed
        }
        symbology = symbology ?? fragment.symbology
        data += fragment.data
        partialReports += 1
        guard data.count <= DecodedScan.maximumLength else {
            return drop("code longer than \(DecodedScan.maximumLength) bytes", continues: fragment.continues)
        }
        return fragment.continues ? .pending : finish()
    }

    /// How much is pending, never what.
    public var description: String {
        "HID POS decoder (\(partialReports.counted("report")) of \(data.count.counted("byte")) pending\(skippingRestOfCode ? ", skipping the rest of a dropped code" : ""))"
    }

    private mutating func finish() -> ScanDecodeResult {
        var bytes = data
        while let last = bytes.last, last == 0x0D || last == 0x0A { bytes.removeLast() }
        let reports = partialReports
        let symbology = symbology
        reset()
        guard !bytes.isEmpty else { return .discarded("HID POS code with no data dropped (\(reports.counted("report")))") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .discarded("HID POS code of \(bytes.count.counted("byte")) dropped: not valid UTF-8")
        }
        return .scan(DecodedScan(text: text, symbology: symbology))
    }

    /// Drops the partial code; skips the rest of the broken code when the report said more follows.
    private mutating func drop(_ reason: String, continues: Bool) -> ScanDecodeResult {
        let partial = partialReports > 0 ? "; partial code of \(data.count.counted("byte")) dropped" : "; code dropped"
        reset()
        skippingRestOfCode = continues
        return .discarded(reason + partial)
    }

    private mutating func reset() {
        data = []
        symbology = nil
        partialReports = 0
    }
}
