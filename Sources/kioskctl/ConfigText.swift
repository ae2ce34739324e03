import Foundation
import KioskAPI
import KioskCore

/// How `kioskctl config …` words a kiosk's configuration state.
enum ConfigText {
    static func render(_ status: ConfigurationStatus) -> String {
        var lines = ["version \(status.version) (\(status.path))"]
        lines.append("  from:     " + (status.keyID.map { "signed bundle, key \($0)" } ?? "local file"))
        if let appliedAt = status.appliedAt { lines.append("  applied:  \(date(appliedAt))") }
        lines.append("  state:    \(progress(status, version: status.pendingVersion ?? status.version))")
        lines.append("  accepts:  bundles above version \(status.highestVersion), signed by one of \(status.trustedKeys) trusted key\(status.trustedKeys == 1 ? "" : "s")")
        let desired = status.desired
        var offered = desired.version.map { "version \($0)" } ?? "nothing published"
        if let problem = desired.problem { offered = desired.version == nil ? problem : offered + " (last poll: \(problem))" }
        if let checked = desired.checkedAt { offered += ", checked \(date(checked))" } else { offered += " (not polled yet)" }
        lines.append("  backend:  \(offered)")
        return lines.joined(separator: "\n")
    }

    static func progress(_ status: ConfigurationStatus, version: Int) -> String {
        switch status.state {
        case .pending: "version \(status.pendingVersion ?? version) queued: it applies as soon as no resident is being served"
        case .verifying: "version \(status.version) applied; checking the kiosk's health"
        case .healthy: "version \(status.version) healthy"
        case .rolledBack: "rolled back — \(status.detail ?? "")"
        case .refused: "refused — \(status.detail ?? "")"
        }
    }

    static func outcome(_ status: ConfigurationStatus, version: Int) -> String {
        status.version == version && status.state == .healthy ? "✔ version \(version) applied and healthy" : "✘ \(progress(status, version: version))"
    }

    static func line(_ entry: ConfigHistoryEntry) -> String {
        let version = entry.version.map { "v\($0)" } ?? "v?"
        let from = entry.previousVersion.map { " (was v\($0))" } ?? ""
        let detail = entry.detail.map { ": \($0)" } ?? ""
        return "\(date(entry.at))  \(entry.event.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(version)\(from) by \(entry.source.rawValue)\(detail)"
    }

    static func date(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
