import ArgumentParser
import Foundation
import KioskAPI
import KioskCore

struct DiagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diag",
        abstract: "Every check of the kiosk with ✔/✘ and the fix; exits 1 when a critical check fails.",
        discussion: "Checks pcscd, each reader (with the last card's ATR), the scanner, the printer and its paper, the backend, "
            + "the kiosk's client certificate, the clock against the backend, the journal's disk space and integrity, "
            + "unresolved payments, owed receipts and the configuration. Warnings do not change the exit status."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report: DiagnosticReport
        do {
            report = try await AdminClient(socketPath: connection.socket).get("/v1/diag", timeout: .seconds(40))
        } catch {
            // kioskd itself is the first thing a technician must get back.
            report = DiagnosticReport(kioskID: "?", mode: .production, generatedAt: ISO8601DateFormatter().string(from: Date()),
                                      checks: [.kioskd(unreachable: "\(error)", socket: connection.socket)])
        }
        print(output.json ? try JSONOutput.encode(report) : DiagText.render(report))
        if !report.criticalFailures.isEmpty { throw ExitCode(1) }
    }
}

enum DiagText {
    static func render(_ report: DiagnosticReport) -> String {
        var lines = ["kiosk \(report.kioskID) (\(report.mode.rawValue)), checked \(report.generatedAt)"]
        let width = report.checks.map(\.title.count).max() ?? 0
        for check in report.checks {
            let mark = check.passed ? "✔" : check.severity == .critical ? "✘" : "!"
            lines.append("\(mark) \(check.title.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.detail)")
            if let fix = check.fix { lines.append("  \(String(repeating: " ", count: width))  → \(fix)") }
        }
        let critical = report.criticalFailures.count
        let warnings = report.checks.filter { !$0.passed && $0.severity == .warning }.count
        lines.append(critical == 0 && warnings == 0 ? "all \(report.checks.count) checks passed"
            : "\(critical) critical, \(warnings) warning\(warnings == 1 ? "" : "s") of \(report.checks.count) checks")
        return lines.joined(separator: "\n")
    }
}
