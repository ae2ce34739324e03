import ArgumentParser
import Foundation
import KioskAPI
import KioskCore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Version, uptime, configuration version, each device's state and the backend's reachability."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let status: KioskStatus = try await AdminClient(socketPath: connection.socket).get("/v1/status")
        if output.json {
            print(try JSONOutput.encode(status))
        } else {
            print(StatusText.render(status))
        }
    }
}

enum StatusText {
    static func render(_ status: KioskStatus) -> String {
        var lines = [
            "kiosk       \(status.kioskID) (\(status.mode.rawValue))",
            "version     \(status.version)",
            "uptime      \(duration(status.uptimeSeconds)) (since \(status.startedAt))",
            "config      version \(status.configVersion), \(status.configPath)",
            "backend     \(status.backend.reachable ? "reachable" : "UNREACHABLE") — \(status.backend.url): \(status.backend.detail)",
        ]
        if let journal = status.journal { lines.append(journalLine(journal)) }
        lines.append("session     \(status.session ?? "not running (no resident devices in this mode yet)")")
        if let maintenance = status.maintenance { lines.append(MaintenanceText.statusLine(maintenance)) }
        lines.append("devices")
        for device in status.devices {
            var state = device.state.rawValue
            if let paper = device.paper { state += ", paper \(paper.rawValue)" }
            if let action = device.requiredAction { state += ", needs \(action.rawValue)" }
            let role = device.role.label.padding(toLength: 15, withPad: " ", startingAt: 0)
            lines.append("  \(role)\(state) [\(device.selector)] \(device.detail)")
        }
        return lines.joined(separator: "\n")
    }

    static func journalLine(_ journal: JournalStatus) -> String {
        guard let summary = journal.summary else { return "journal     UNREADABLE — \(journal.path): \(journal.problem ?? "unknown problem")" }
        var text = "journal     \(summary.unresolved) unresolved, \(summary.owedReceipts) receipts owed, \(summary.succeededToday) paid today"
        if let last = summary.lastReconciliation {
            text += "; last reconciliation \(ISO8601DateFormatter().string(from: last.finishedAt)): \(last.examined) examined, "
                + "\(last.succeeded) paid, \(last.failed) failed, \(last.reversed) reversed, \(last.abandoned) never charged, "
                + "\(last.stillUnresolved) still open"
        }
        return text
    }

    static func duration(_ seconds: Int) -> String {
        let days = seconds / 86400, hours = seconds % 86400 / 3600, minutes = seconds % 3600 / 60
        if days > 0 { return "\(days)d \(hours)h \(minutes)m" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m \(seconds % 60)s"
    }
}

enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One line per value (NDJSON), for streams.
    static func line(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
