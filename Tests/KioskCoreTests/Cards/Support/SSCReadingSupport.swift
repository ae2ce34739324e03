import KioskCore
import Testing

/// Reads `card` through an in-memory transport; returns the holder, the commands sent and their count.
func readSSC(_ card: TestSSCCard, profile: SSCReadProfile = .standard) async throws(KioskError) -> (holder: CardHolder, log: [[UInt8]], count: Int) {
    let transport = ScriptedTransport(card)
    var exchange = APDUExchange(transport)
    let holder = try await SSCCardReading.read(&exchange, profile: profile)
    return (holder, transport.log, exchange.commandsSent)
}

/// The error reading `card` ends with; records an issue when it reads.
func sscError(_ card: TestSSCCard, profile: SSCReadProfile = .standard, sourceLocation: SourceLocation = #_sourceLocation) async -> KioskError? {
    do {
        _ = try await readSSC(card, profile: profile)
        Issue.record("the card was read", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

extension SSCReadProfile {
    static let byRecord = SSCReadProfile(addressing: .record)
}
