import KioskCore

/// One payment in the simulated terminal's ledger: what the exactly-once checks look at. Payments
/// answered Busy, or forgotten by a restart, are not in it.
public struct SimulatedTerminalTransaction: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case approved
        /// Nothing was charged; the reason as the pad showed it (see `SimulatedTerminalScreen`).
        case declined(String)
        /// Approved, then given back by a Reversal.
        case reversed
    }

    /// The sale system's `SaleTransactionID.TransactionID` (the kiosk's idempotency key).
    public var saleTransactionID: String
    /// The Payment request's `ServiceID`.
    public var serviceID: String
    /// The terminal's `POITransactionID`, as the response gave it.
    public var poiTransactionID: NexoTransactionIdentifier
    public var amount: Money
    public var state: State

    public init(saleTransactionID: String, serviceID: String, poiTransactionID: NexoTransactionIdentifier, amount: Money, state: State) {
        self.saleTransactionID = saleTransactionID
        self.serviceID = serviceID
        self.poiTransactionID = poiTransactionID
        self.amount = amount
        self.state = state
    }
}
