import KioskAPI
import KioskCore

/// How `kioskctl selftest` prints its result: ✔ or ✘, what was read (masked), and the fix.
enum SelftestText {
    static func render(_ report: SelftestReport) -> String {
        var lines = ["\(report.passed ? "✔" : "✘") \(report.summary)"]
        if let card = report.card { lines.append(CardText.render(card)) }
        if let scan = report.scan { lines.append("scan          \(ScannerText.describe(scan))  (\(scan.length) characters)") }
        if let printer = report.printer { lines.append(PrinterText.render(printer)) }
        if let screen = report.screen { lines.append("screen        \(screen.text) (window.innerWidth × innerHeight at devicePixelRatio)") }
        if !report.passed {
            if let problem = report.problem, problem.message != report.summary { lines.append("problem       \(problem.message) [\(problem.code)]") }
            else if let problem = report.problem { lines.append("problem       [\(problem.code)]") }
            if let fix = report.fix { lines.append("fix           \(fix)") }
        }
        return lines.joined(separator: "\n")
    }
}
