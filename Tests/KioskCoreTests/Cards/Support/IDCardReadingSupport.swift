import KioskCore
import Testing

/// Reads through a `TestIDReader`; returns the holder and the commands sent.
func readIDCard(_ reader: TestIDReader, profile: IDCardTunnelProfile = .standard) async throws(KioskError) -> (holder: CardHolder, log: [[UInt8]], count: Int) {
    let transport = ScriptedTransport(reader)
    var exchange = APDUExchange(transport)
    let holder = try await IDCardReading.read(&exchange, profile: profile)
    return (holder, transport.log, exchange.commandsSent)
}

func idCardError(_ reader: TestIDReader, sourceLocation: SourceLocation = #_sourceLocation) async -> KioskError? {
    do {
        _ = try await readIDCard(reader)
        Issue.record("the card was read", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
