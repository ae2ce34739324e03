import KioskCore

/// The session's card reader, each read timed as `kiosk_card_read_duration_seconds`.
struct MeasuredCardReader: CardReader {
    let base: any CardReader

    var events: AsyncStream<CardEvent> { base.events }

    func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        try await SessionMetrics.timed(SessionMetrics.cardRead()) { () throws(KioskError) in try await base.read(kind) }
    }
}

/// The session's printer, each document timed as `kiosk_print_duration_seconds` (to completed, or failed).
struct MeasuredReceiptPrinter: ReceiptPrinter {
    let base: any ReceiptPrinter

    func readiness() async -> PrinterReadiness {
        await base.readiness()
    }

    func print(_ document: ReceiptDocument) async throws(KioskError) {
        try await SessionMetrics.timed(SessionMetrics.printing()) { () throws(KioskError) in try await base.print(document) }
    }
}

extension SessionController.Devices {
    /// The same devices, with card reads and printing timed.
    var measured: SessionController.Devices {
        SessionController.Devices(cardReader: MeasuredCardReader(base: cardReader), scanner: scanner, printer: MeasuredReceiptPrinter(base: printer))
    }
}
