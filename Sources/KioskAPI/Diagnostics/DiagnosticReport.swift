import Foundation
import KioskCore

/// `kioskctl diag`: every check kioskd can make of itself, each with what was measured and, when it
/// failed, what a technician should do. Holds no personal data.
public struct DiagnosticReport: Codable, Sendable, Equatable {
    public var kioskID: String
    public var mode: KioskStatus.Mode
    public var generatedAt: String
    public var checks: [DiagnosticCheck]

    public init(kioskID: String, mode: KioskStatus.Mode, generatedAt: String, checks: [DiagnosticCheck]) {
        self.kioskID = kioskID
        self.mode = mode
        self.generatedAt = generatedAt
        self.checks = checks
    }

    /// The kiosk cannot serve residents until these are fixed.
    public var criticalFailures: [DiagnosticCheck] { checks.filter { !$0.passed && $0.severity == .critical } }
}

public struct DiagnosticCheck: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable {
        /// Residents cannot be served (or money could be lost) while it fails.
        case critical
        /// Works, but needs attention soon.
        case warning
    }

    /// Stable, for fleet tooling: "pcscd", "reader.ssc", "printer", "backend.clock", …
    public var id: String
    /// For people: "SSC reader", "printer".
    public var title: String
    public var passed: Bool
    public var severity: Severity
    /// What was found, e.g. "Virtual PCD 00 00, last card ATR 3B6800…" or "paper out".
    public var detail: String
    /// What to do, in plain words; nil when passed.
    public var fix: String?

    public init(id: String, title: String, passed: Bool, severity: Severity, detail: String, fix: String? = nil) {
        self.id = id
        self.title = title
        self.passed = passed
        self.severity = severity
        self.detail = detail
        self.fix = passed ? nil : fix
    }

    public static func pass(_ id: String, _ title: String, _ detail: String) -> Self {
        Self(id: id, title: title, passed: true, severity: .critical, detail: detail)
    }

    public static func fail(_ id: String, _ title: String, _ detail: String, fix: String) -> Self {
        Self(id: id, title: title, passed: false, severity: .critical, detail: detail, fix: fix)
    }

    public static func warn(_ id: String, _ title: String, _ detail: String, fix: String) -> Self {
        Self(id: id, title: title, passed: false, severity: .warning, detail: detail, fix: fix)
    }
}
