import Foundation
import KioskCore

/// How `kioskctl printer` prints for a technician.
enum PrinterText {
    static func render(_ info: PrinterInfo) -> String {
        var lines = [
            "printer     \(info.status.state.rawValue)  \(info.status.detail)",
            "paper       \(info.status.paper?.rawValue ?? "unknown")  (\(info.paperWidthMillimetres) mm, \(info.dotsPerInch) dpi, \(info.format), profile \(info.model))",
            "receipts    " + (info.canPrint ? "can print" : "cannot print: \(info.problem ?? "unknown") — \(fix(info))"),
        ]
        if let job = info.lastJob {
            lines.append("last job    \(job.id) \(job.name)  \(job.state)\(job.reasons.isEmpty ? "" : " (\(job.reasons.joined(separator: ", ")))")  \(ISO8601DateFormatter().string(from: job.updatedAt))")
        }
        return lines.joined(separator: "\n")
    }

    static func fix(_ info: PrinterInfo) -> String {
        switch info.status.paper {
        case .out: "load a \(info.paperWidthMillimetres) mm roll"
        case .jammed: "open the printer and clear the jam"
        default: info.status.requiredAction.map { "\($0.rawValue) needed" } ?? "check the printer and its cable"
        }
    }
}
