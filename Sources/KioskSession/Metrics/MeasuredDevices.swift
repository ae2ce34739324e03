import KioskCore

/// The session's card reader, each read timed as `kiosk_card_read_duration_seconds`.
struct MeasuredCardReader: CardReader {
    let base: any CardReader
    let clock: any Clock<Duration>

    var events: AsyncStream<CardEvent> { base.events }

    func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        try await SessionMetrics.timed(SessionMetrics.cardRead(), on: clock) { () throws(KioskError) in try await base.read(kind) }
    }
}

/// The session's printer, each document timed as `kiosk_print_duration_seconds` (to completed, or failed).
struct MeasuredReceiptPrinter: ReceiptPrinter {
    let base: any ReceiptPrinter
    let clock: any Clock<Duration>

    func readiness() async -> PrinterReadiness {
        await base.readiness()
    }

    func print(_ document: ReceiptDocument) async throws(KioskError) {
        try await SessionMetrics.timed(SessionMetrics.printing(), on: clock) { () throws(KioskError) in try await base.print(document) }
    }
}

extension SessionController.Devices {
    /// The same devices, with card reads and printing timed on `clock`.
    func measured(on clock: any Clock<Duration>) -> SessionController.Devices {
        SessionController.Devices(
            cardReader: MeasuredCardReader(base: cardReader, clock: clock), scanner: scanner, printer: MeasuredReceiptPrinter(base: printer, clock: clock),
            terminal: terminal
        )
    }
}
