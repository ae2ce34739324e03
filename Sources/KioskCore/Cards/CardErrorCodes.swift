/// Codes a card read ends with; each has plain Chinese for the resident in `ResidentMessage`.
extension KioskError.Code {
    /// The card's validity date has passed.
    public static let cardExpired = Self("card.expired")
    /// The ID number on the card fails the GB 11643 check character (or is not an ID number at all).
    public static let cardIDNumberInvalid = Self("card.id_number_invalid")
    /// The card is not one this kiosk reads (not an SSC, unknown GA 467 card type…).
    public static let cardNotSupported = Self("card.not_supported")
    /// The SSC application or its PIN is locked (9303, 6983).
    public static let cardLocked = Self("card.locked")
    /// The card (or the ID reader's SAM) stopped answering within the per-command timeout.
    public static let cardNotResponding = Self("card.not_responding")
    /// The ID-card reader's security module failed (GA 467 SW3 31, 32, 33, 47, 60, 66).
    public static let cardReaderSAMFailed = Self("card.sam_failed")
    /// No reader for the slot is connected (unplugged, pcscd without it).
    public static let cardReaderMissing = Self("card.reader_missing")
}
