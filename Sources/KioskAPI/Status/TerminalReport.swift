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
    /// The newest card payment in the journal.
    public var lastTransaction: Transaction?

    /// A card payment as technicians see it: references and the masked card number only.
    public struct Transaction: Codable, Sendable, Equatable {
        /// The idempotency key, shortened as in the logs.
        public var key: String
        public var state: String
        public var amountFen: Int64
        public var at: Date
        public var maskedPAN: String?
        public var authCode: String?
        public var terminalReference: String?

        public init(key: String, state: String, amountFen: Int64, at: Date, maskedPAN: String?, authCode: String?, terminalReference: String?) {
            self.key = key
            self.state = state
            self.amountFen = amountFen
            self.at = at
            self.maskedPAN = maskedPAN
            self.authCode = authCode
            self.terminalReference = terminalReference
        }
    }

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
