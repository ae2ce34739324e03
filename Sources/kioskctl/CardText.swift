import Foundation
import KioskCore

/// How `kioskctl cards` prints for a technician; every holder field arrives masked from kioskd.
enum CardText {
    static func render(_ report: CardReport) -> String {
        var lines = [
            "reader        \(report.reader)",
            "card          \(report.kind == "ssc" ? "social security card" : "resident ID card")\(report.specVersion.map { " (spec \($0))" } ?? "")",
            "name          \(report.name)",
            "ID number     \(report.idNumber) (\(report.idNumberValid ? "check character valid" : "INVALID check character"))",
        ]
        if let gender = report.gender { lines.append("gender        \(gender)") }
        lines.append("birth date    \(report.birthDateRead ? "read (not shown: it is part of the ID number)" : "MISSING on the card")")
        if let nation = report.nation { lines.append("nation        \(nation)") }
        if let regionCode = report.regionCode { lines.append("region        \(regionCode)") }
        if let cardNumber = report.cardNumber { lines.append("card number   \(cardNumber)") }
        if let issueDate = report.issueDate { lines.append("issued        \(issueDate)") }
        if let expiryDate = report.expiryDate { lines.append("valid until   \(expiryDate)") }
        if let problem = report.problem { lines.append("REFUSED       \(problem.message) [\(problem.code)]") }
        return lines.joined(separator: "\n")
    }

    static func render(_ event: CardWatchEvent) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let time = formatter.string(from: Date())
        let reader = event.reader ?? ""
        let text: String
        switch event.kind {
        case .readerAdded: text = "reader added     \(reader)"
        case .readerRemoved: text = "reader removed   \(reader)"
        case .cardInserted: text = "card inserted    \(reader)\(event.atr.map { "  ATR \($0)" } ?? "")"
        case .cardRemoved: text = "card removed     \(reader)"
        case .cardRead:
            if let report = event.report {
                var summary = "\(report.kind) \(report.name) \(report.idNumber)"
                if let expiry = report.expiryDate { summary += " valid until \(expiry)" }
                if let problem = report.problem { summary += " — REFUSED: \(problem.message) [\(problem.code)]" }
                text = "card read        \(reader)  \(summary)"
            } else {
                text = "card unreadable  \(reader)  \(event.problem.map { "\($0.message) [\($0.code)]" } ?? "")"
            }
        case .serviceLost: text = "pcscd lost       \(event.problem?.message ?? "") — waiting for it to come back"
        case .serviceRestored: text = "pcscd back"
        }
        return "\(time)  \(text)"
    }
}
