import Foundation
import KioskCore

/// The kiosk's most recent print job as the printer last reported it, for diagnostics.
/// The name is what the renderer chose (an electronic receipt's number), never personal data.
public struct PrintJobRecord: Sendable, Equatable, Codable {
    public var id: Int32
    public var name: String
    public var state: PrintJobState
    /// job-state-reasons, as reported.
    public var reasons: [String]
    /// When the kiosk last learnt this state.
    public var updatedAt: Date

    public init(id: Int32, name: String, state: PrintJobState, reasons: [String] = [], updatedAt: Date) {
        self.id = id
        self.name = name
        self.state = state
        self.reasons = reasons
        self.updatedAt = updatedAt
    }
}
