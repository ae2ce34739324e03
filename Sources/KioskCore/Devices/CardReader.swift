/// The two card slots of a kiosk: social security card (PC/SC, contact chip) and resident ID card (GA 467).
public enum CardKind: String, Sendable, Hashable, Codable, CaseIterable {
    case socialSecurityCard = "ssc"
    case idCard = "idcard"
}

/// What a card reader reports without being asked.
public enum CardEvent: Sendable, Hashable {
    case inserted(CardKind)
    case removed(CardKind)
}

/// A reader of SSC and ID cards. Implementations are named by technology (`PCSC…`) or `Simulated…`.
public protocol CardReader: Sendable {
    /// Insertions and removals, for as long as the reader runs. Each call returns the one shared stream.
    var events: AsyncStream<CardEvent> { get }
    /// Reads and decodes the card now in the slot of `kind`; throws a `KioskError` (card removed, unreadable…).
    func read(_ kind: CardKind) async throws(KioskError) -> CardHolder
}
