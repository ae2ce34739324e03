import KioskAPI
import KioskCore

/// `kioskctl selftest scanner`: waits for one scan and reports it masked, as `scanner watch` does.
struct ScannerSelftest {
    let scanner: any ScannerDiagnostics
    let timeout: SelftestTimeout
    let clock: any Clock<Duration>

    func run() async -> SelftestReport {
        let stopwatch = Stopwatch(clock)
        let events = scanner.watch().ending(after: timeout.duration, on: clock)
        var attached = await scanner.scannerInfo().attached
        var dropped: String?
        var fault: String?
        for await event in events {
            switch event.kind {
            case .scan:
                if let scan = event.scan {
                    return SelftestReport(device: .scanner, passed: true, summary: "scan received from \(scan.device) (\(scan.mode.rawValue) mode)", scan: scan)
                }
            case .attached: attached = true
            case .detached: attached = false
            case .discarded: dropped = event.detail
            case .fault: fault = event.detail
            }
        }
        if stopwatch.elapsed < timeout.duration { return SelftestOutcome.interrupted(.scanner) }
        let info = await scanner.scannerInfo()
        return SelftestOutcome.timedOut(.scanner, "nothing was scanned within \(timeout.seconds) s",
                                        fix: Self.fix(attached: attached && info.attached, detail: info.status.detail, dropped: dropped, fault: fault))
    }

    static func fix(attached: Bool, detail: String, dropped: String?, fault: String?) -> String {
        if !attached { return "no scanner is attached (\(detail)): check its USB cable; kioskctl scanner show says what kioskd looks for" }
        if let fault { return "the scanner reported a fault (\(fault)): unplug it, plug it in again and retry" }
        if let dropped {
            return "the scanner sent only part of a code (\(dropped)): keep its keyboard language at US and scan again; "
                + "if it persists, set the scanner to HID POS mode with its configuration codes"
        }
        return "scan any barcode or QR code (a phone's pay code works) 10–20 cm from the scanner's window; "
            + "if it beeps but nothing arrives, check its mode with kioskctl scanner show"
    }
}
