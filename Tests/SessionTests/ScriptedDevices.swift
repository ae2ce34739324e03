import Foundation
import KioskCore

/// A card reader a test drives: it inserts and removes cards; `read` returns the holder it was given,
/// or waits until the card is removed when `holdReads` is set (a card pulled mid-read).
final class ScriptedCardReader: CardReader, @unchecked Sendable {
    let events: AsyncStream<CardEvent>
    private let continuation: AsyncStream<CardEvent>.Continuation
    private let lock = NSLock()
    private var holders: [CardKind: CardHolder] = [:]
    private var waiting: [CheckedContinuation<CardHolder?, Never>] = []
    var holdReads = false

    init() {
        (events, continuation) = AsyncStream.makeStream(of: CardEvent.self)
    }

    func insert(_ holder: CardHolder) {
        lock.withLock { holders[holder.kind] = holder }
        continuation.yield(.inserted(holder.kind))
    }

    func remove(_ kind: CardKind) {
        let resumed = lock.withLock {
            holders[kind] = nil
            defer { waiting = [] }
            return waiting
        }
        for reader in resumed { reader.resume(returning: nil) }
        continuation.yield(.removed(kind))
    }

    func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
        let holder: CardHolder? = await withCheckedContinuation { reader in
            let now: CardHolder?? = lock.withLock {
                if holdReads { waiting.append(reader); return .none }
                return .some(holders[kind])
            }
            if case .some(let holder) = now { reader.resume(returning: holder) }
        }
        guard let holder else { throw KioskError(.cardRemoved, "the card was removed during the read") }
        return holder
    }
}

/// A scanner a test drives.
final class ScriptedScanner: BarcodeScanner, Sendable {
    let scans: AsyncStream<BarcodeScan>
    private let continuation: AsyncStream<BarcodeScan>.Continuation

    init() {
        (scans, continuation) = AsyncStream.makeStream(of: BarcodeScan.self)
    }

    func scan(_ text: String) {
        continuation.yield(BarcodeScan(text: text))
    }
}

/// A printer that records what it printed; its readiness and failures are set by the test.
final class RecordingPrinter: ReceiptPrinter, @unchecked Sendable {
    private let lock = NSLock()
    private var state = PrinterReadiness.ready()
    private var failure: KioskError?
    private var documents: [ReceiptDocument] = []

    var printed: [ReceiptDocument] { lock.withLock { documents } }

    func set(readiness: PrinterReadiness, failure: KioskError? = nil) {
        lock.withLock {
            state = readiness
            self.failure = failure
        }
    }

    func readiness() async -> PrinterReadiness { lock.withLock { state } }

    func print(_ document: ReceiptDocument) async throws(KioskError) {
        let refusal: KioskError? = lock.withLock {
            if failure == nil { documents.append(document) }
            return failure
        }
        if let refusal { throw refusal }
    }
}
