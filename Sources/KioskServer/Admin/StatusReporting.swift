import KioskAPI
import KioskCore

/// Whatever can say how the kiosk is doing right now; the daemon implements it.
public protocol StatusReporting: Sendable {
    func currentStatus() async -> KioskStatus
    /// `kioskctl diag`: every check with its fix.
    func diagnostics() async -> DiagnosticReport
}
