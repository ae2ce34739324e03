/// A scripted cardholder for headless runs and tests (`SimulatedPaymentTerminal
/// .enqueueCardholder(_:)`): the next Payment plays it out by itself, without further calls.
///
/// Its description and mirror never show the card number or the PINs.
public enum SimulatedCardholder: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// Presents `card` and types `pins` in order (wrong ones first, to exercise the retries). An
    /// inserted card is taken out when the payment is over. If the PINs run out while the pad still
    /// asks for one, the cardholder has walked away: the PIN-entry timeout ends the payment.
    case pays(SimulatedBankCard, pins: [String], by: SimulatedCardEntry)
    /// Never presents a card: the card-presentation timeout ends the payment.
    case walksAway
    /// Presses cancel on the PIN pad instead of presenting a card.
    case cancels

    /// Presents `card` and types `pin` (by default the card's own PIN).
    public static func pays(_ card: SimulatedBankCard, pin: String? = nil, by entry: SimulatedCardEntry = .insert) -> SimulatedCardholder {
        .pays(card, pins: [pin ?? card.pin], by: entry)
    }

    public var description: String {
        switch self {
        case .pays(let card, let pins, let entry): "pays(\(card), \(pins.count) PIN entries, by: \(entry.rawValue))"
        case .walksAway: "walksAway"
        case .cancels: "cancels"
        }
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["script": description], displayStyle: .enum)
    }
}
