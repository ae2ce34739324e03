import KioskAPI
import KioskCore

/// How `kioskctl maintenance` and `kioskctl status` say what maintenance does.
enum MaintenanceText {
    static let pendingEffect = "the kiosk shows 设备维护中 once the current resident's session ends"

    static func render(_ status: MaintenanceStatus) -> String {
        switch status.state {
        case .off: return "maintenance off"
        case .pending: return "maintenance requested since \(status.since ?? "?"): \(pendingEffect)" + details(status)
        case .active: return "maintenance on since \(status.since ?? "?"): the kiosk shows 设备维护中 and takes no resident" + details(status)
        }
    }

    static func render(_ change: MaintenanceChange) -> String {
        let current = change.current
        switch (change.previous, current.state) {
        case (.off, .off): return "maintenance was not on; nothing changed"
        case (.pending, .off): return "maintenance request withdrawn: the current resident's session carries on and the kiosk stays in service"
        case (_, .off):
            return current.session == "outOfService" ? "maintenance off: the kiosk is still out of service (kioskctl status says why)"
                : "maintenance off: the kiosk takes residents again"
        case (.off, .pending): return "maintenance requested: \(pendingEffect)" + details(current)
        case (.off, .active): return "maintenance on: the kiosk shows 设备维护中 and takes no resident until kioskctl maintenance off" + details(current)
        case (_, _): return "maintenance was already \(change.previous.rawValue); reason updated\n" + render(current)
        }
    }

    /// The line of `kioskctl status`.
    static func statusLine(_ status: MaintenanceStatus) -> String {
        switch status.state {
        case .off: "maintenance off"
        case .pending: "maintenance PENDING since \(status.since ?? "?") — \(status.reason ?? ""); starts when the current resident's session ends"
        case .active: "maintenance ON since \(status.since ?? "?") — \(status.reason ?? "")"
        }
    }

    private static func details(_ status: MaintenanceStatus) -> String {
        var lines = [""]
        if let reason = status.reason { lines.append("reason      \(reason)") }
        if let session = status.session { lines.append("session     \(session)") }
        return lines.joined(separator: "\n")
    }
}
