import KioskCore

/// The context and serial queue card reads run on. A read that times out leaves both blocked in
/// libpcsclite, so the reader replaces the channel; the stuck call finishes on its own when the
/// card is pulled, and the clean-up queued behind it then resets the card and frees the context.
final class PCSCChannel: Sendable {
    let context: PCSCContext
    let queue: BlockingCallQueue

    private init(context: PCSCContext, queue: BlockingCallQueue) {
        self.context = context
        self.queue = queue
    }

    /// Establishes the context on the channel's own queue (it blocks while pcscd starts).
    static func open(timeout: Duration) async throws(KioskError) -> PCSCChannel {
        let queue = BlockingCallQueue(label: "pcsc-card")
        let result = await queue.run(timeout: timeout) { () -> Result<PCSCContext, KioskError> in
            do throws(KioskError) { return .success(try PCSCContext()) } catch { return .failure(error) }
        }
        switch result {
        case .success(let context): return PCSCChannel(context: context, queue: queue)
        case .failure(let error): throw KioskError(.cardReaderMissing, "pcscd cannot be reached: \(error.message)")
        case nil: throw KioskError(.cardReaderMissing, "pcscd did not answer SCardEstablishContext within \(timeout)")
        }
    }
}

/// Carries APDUs to one connected card. Runs on the channel's queue (BlockingCallQueue.runTask), each
/// call under the read's watchdog.
struct PCSCTransport: APDUTransport {
    let connection: PCSCCardConnection
    let watchdog: PCSCCommandWatchdog

    func transmit(_ command: [UInt8]) async throws(KioskError) -> [UInt8] {
        let result = watchdog.guarding { connection.transmit(command) }
        if watchdog.overran { throw KioskError(.cardNotResponding, "the card did not answer a command within \(watchdog.timeout)") }
        switch result {
        case .success(let response) where response.isEmpty:
            // A card always answers at least a status word: nothing at all means it left mid-command.
            throw KioskError(.cardRemoved, "the reader returned no answer at all (card pulled mid-command)")
        case .success(let response): return response
        case .failure(let failure): throw failure.kioskError
        }
    }
}

extension PCSCFailure {
    /// What a failed call means for the resident's card.
    var kioskError: KioskError {
        switch status {
        case .removedCard, .noSmartcard, .notTransacted, .resetCard:
            KioskError(.cardRemoved, "the card left the reader during the read (\(description))")
        case .unresponsiveCard, .unpoweredCard:
            KioskError(.cardUnreadable, "the card does not answer the reset: inserted the wrong way round, dirty or broken contacts (\(description))")
        case .sharingViolation:
            KioskError(.cardReaderMissing, "another program holds the reader exclusively (\(description))")
        default:
            KioskError(.cardReaderMissing, "the reader is not usable: \(description)")
        }
    }
}
