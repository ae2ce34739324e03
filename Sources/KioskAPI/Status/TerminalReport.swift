import Foundation
import KioskCore

/// The payment terminal as technicians see it (`kioskctl terminal status`, `kioskctl diag`).
public struct TerminalReport: Codable, Sendable, Equatable {
    /// The terminal's POIID, or nil when `[terminal]` is absent.
    public var poiID: String?
    /// Host:port, or "simulated".
    public var address: String?
    /// Answered the last Diagnosis.
    public var reachable: Bool
    /// nexo `POIStatus.GlobalStatus` at the last Diagnosis ("OK", "Busy", "Maintenance"…).
    public var status: String?
    public var hostReachable: Bool?
    public var checkedAt: Date?
    /// Why the last request failed (code and text, no personal data).
    public var lastError: String?
    public var loggedInAt: Date?
    public var lastSettlement: Settlement?
    /// When the next daily settlement is due ("HH:MM", China Standard Time).
    public var settlementTime: String?

    public struct Settlement: Codable, Sendable, Equatable {
        public var at: Date
        public var reconciliationID: String
        public var transactionCount: Int
        public var totalFen: Int64

        public init(at: Date, reconciliationID: String, transactionCount: Int, totalFen: Int64) {
            self.at = at
            self.reconciliationID = reconciliationID
            self.transactionCount = transactionCount
            self.totalFen = totalFen
        }
    }

    public init(poiID: String?, address: String?, reachable: Bool, status: String? = nil, hostReachable: Bool? = nil, checkedAt: Date? = nil,
                lastError: String? = nil, loggedInAt: Date? = nil, lastSettlement: Settlement? = nil, settlementTime: String? = nil) {
        self.poiID = poiID
        self.address = address
        self.reachable = reachable
        self.status = status
        self.hostReachable = hostReachable
        self.checkedAt = checkedAt
        self.lastError = lastError
        self.loggedInAt = loggedInAt
        self.lastSettlement = lastSettlement
        self.settlementTime = settlementTime
    }
}
