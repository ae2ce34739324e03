import KioskAPI
import KioskCore

/// `kioskctl selftest card`: waits for a card in any reader and reads it, masked — the read
/// `cards watch` makes of each inserted card. A card already in a reader is read at once.
struct CardSelftest {
    let cards: any CardDiagnostics
    let timeout: SelftestTimeout
    let clock: any Clock<Duration>
    /// nil: no resident session in this kioskd.
    var noResidentServed: (@Sendable () async -> Bool)?

    func run() async -> SelftestReport {
        let stopwatch = Stopwatch(clock)
        // Subscribed before looking at the readers, so a card inserted in between is not missed.
        let events = cards.watch().ending(after: timeout.duration, on: clock)
        if let present = await cards.readers().first(where: \.cardPresent) {
            if let noResidentServed, await !noResidentServed() {
                let refusal = CardReaderInfo.notReadForWatchers
                return unreadable(code: refusal.code, message: refusal.message, reader: present.name)
            }
            do throws(KioskError) {
                return passed(try await cards.readReport(reader: present.name))
            } catch {
                return unreadable(code: error.code.rawValue, message: error.message, reader: present.name)
            }
        }
        var pcscdLost = false
        for await event in events {
            switch event.kind {
            case .cardRead:
                if let report = event.report { return passed(report) }
                if let problem = event.problem { return unreadable(code: problem.code, message: problem.message, reader: event.reader ?? "the reader") }
            case .serviceLost: pcscdLost = true
            case .serviceRestored: pcscdLost = false
            default: continue
            }
        }
        if stopwatch.elapsed < timeout.duration { return SelftestOutcome.interrupted(.card) }
        return timedOut(readers: await cards.readers(), pcscdLost: pcscdLost)
    }

    private func passed(_ report: CardReport) -> SelftestReport {
        SelftestReport(device: .card, passed: true, summary: "card read in \(report.reader)", card: report)
    }

    private func unreadable(code: String, message: String, reader: String) -> SelftestReport {
        SelftestReport(device: .card, passed: false, summary: "the card in \(reader) could not be read",
                       problem: AdminProblem(code: code, message: message), fix: Self.fix(forReadFailure: code))
    }

    private func timedOut(readers: [CardReaderInfo], pcscdLost: Bool) -> SelftestReport {
        let fix: String
        if pcscdLost {
            fix = "pcscd stopped answering during the test: restart it (systemctl restart pcscd) and try again"
        } else if readers.isEmpty {
            fix = "pcscd lists no card reader: is pcscd running (systemctl status pcscd)? check the readers' USB cables; "
                + "kioskctl cards readers shows what pcscd sees"
        } else {
            fix = "insert a social security card chip first into the SSC reader, or place an ID card flat on the ID reader; "
                + "if a reader does not notice the card, check its cable and that kioskctl cards readers lists it"
        }
        return SelftestOutcome.timedOut(.card, "no card was inserted within \(timeout.seconds) s", fix: fix)
    }

    static func fix(forReadFailure code: String) -> String {
        switch KioskError.Code(rawValue: code) {
        case .cardRemoved?: "leave the card in the reader until the result is shown, then try again"
        case .cardNotResponding?: "take the card out and insert it again; if it stays silent try another card — if every card fails, the reader needs service"
        case .cardNotSupported?: "the kiosk reads social security cards and resident ID cards: try one of those"
        case .cardReaderSAMFailed?: "the ID reader's security module failed: unplug the reader, plug it in again and retry; if it persists, the reader needs service"
        case .cardReaderMissing?: "the reader is gone or another program holds it: check its USB cable, close other card programs, then kioskctl cards readers"
        case .pcscUnavailable?: "pcscd is not answering: restart it (systemctl restart pcscd) and try again"
        case .sessionResidentBeingServed?: "a card inserted in service is a resident's and only their session reads it: put the kiosk in maintenance first (kioskctl maintenance on --reason …), then test the reader"
        default: "try another card; if every card fails, clean the reader's contacts or replace the reader"
        }
    }
}
