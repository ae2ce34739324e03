import KioskCore

/// What the simulated PIN pad shows: the demo panel draws it, the tests wait for it
/// (`SimulatedPaymentTerminal.screens()`).
///
/// `declined` carries the reason as the pad shows it: "Not enough balance", "Expired Card",
/// "Blocked Card" (the acquirer's `refusalReason`), "Wrong PIN", "Cancelled" (at the pad),
/// "Aborted" (by the sale system), "Timed out" (no card or no PIN in time), "Card removed".
public enum SimulatedTerminalScreen: Sendable, Equatable {
    case idle
    /// A payment waits for a card.
    case presentCard(amount: Money)
    /// A card is presented; the pad waits for its PIN.
    case enterPIN(triesLeft: Int)
    /// The PIN was right; the acquirer is asked.
    case authorising
    case approved
    case declined(String)
    /// The payment is over and an inserted card is still in the slot.
    case removeCard
}
