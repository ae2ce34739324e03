import KioskCore

/// How `kioskctl scanner` prints for a technician. Scans arrive masked from kioskd.
enum ScannerText {
    static func render(_ info: ScannerInfo) -> String {
        let mode = info.mode.map { " (\($0.rawValue) mode)" } ?? ""
        return "scanner  \(info.status.state.rawValue)  \(info.device.map { $0 + mode } ?? info.status.detail)"
    }

    static func render(_ event: ScannerWatchEvent) -> String {
        switch event.kind {
        case .attached:
            return "attached   \(event.device ?? "?")\(event.mode.map { " (\($0.rawValue) mode)" } ?? "")"
        case .detached:
            return "detached   \([event.device, event.detail].compactMap { $0 }.joined(separator: ": "))"
        case .scan:
            guard let scan = event.scan else { return "scan" }
            return "scan       \(describe(scan))"
        case .discarded:
            return "dropped    \(event.detail ?? "")"
        case .fault:
            return "fault      \(event.detail ?? "")"
        }
    }

    static func describe(_ scan: ScanReport) -> String {
        let kind = switch scan.kind {
        case "payCode": "pay code" + (scan.channel.map { " (\($0))" } ?? "")
        case "esscToken": "e-SSC code"
        case "idNumber": "ID number"
        default: "other code"
        }
        let symbology = scan.symbology.flatMap { AIMSymbology(identifier: $0).map { "  \($0.name) \($0.identifier)" } } ?? ""
        return "\(kind)  \(scan.masked)\(symbology)"
    }
}
