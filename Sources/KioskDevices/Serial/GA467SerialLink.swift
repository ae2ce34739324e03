import KioskCore

/// GA 467 frames over a serial line: one command, then its response frame. Bytes before the
/// preamble `AA AA AA 96 69` (line noise) are skipped; a LEN no GA 467 answer has is taken for noise
/// too, and the search goes on after it. GA 467 frames carry no sequence number, so after an answer
/// that was given up on (timeout, bad frame) the line is drained until it has been quiet for
/// `quietPeriod` before the next command, and an answer of another command's shape (a late one that
/// came later still) is skipped.
/// Frame layout and SW3 codes: `GA467Frame`, `GA467Status`. Used from one queue at a time.
final class GA467SerialLink: @unchecked Sendable {
    let line: SerialLine
    private var answerGivenUp = false
    static let quietPeriod: Duration = .milliseconds(150)
    static let longestDrain: Duration = .seconds(3)

    init(line: SerialLine) {
        self.line = line
    }
    /// The longest answer a reader gives: text, photo and fingerprints (30 10), with room to spare.
    static let longestAnswer = 4096

    func exchange(_ command: GA467Command, timeout: Duration) throws(KioskError) -> GA467Exchange {
        if answerGivenUp { try drain() }
        answerGivenUp = true
        let deadline = line.clock.now + timeout
        line.discardInput()
        try line.write(command.frame, until: deadline)
        var buffer: [UInt8] = []
        var skipped = 0
        while true {
            // Drop what cannot start a frame: everything before the first byte of the preamble that
            // could still be one.
            let start = Self.frameStart(in: buffer)
            skipped += start
            buffer.removeFirst(start)
            if buffer.count >= 7 {
                let length = Int(buffer[5]) << 8 | Int(buffer[6])
                if length < 4 || length > Self.longestAnswer {
                    // Not a GA 467 answer's LEN: this preamble was noise; look past its first byte.
                    buffer.removeFirst()
                    skipped += 1
                    continue
                }
                if buffer.count >= 7 + length {
                    let response = try GA467Frame.response(Array(buffer.prefix(7 + length)))
                    guard command.accepts(response) else {
                        // A late answer to an earlier command: not this one's; wait on.
                        skipped += 7 + length
                        buffer.removeFirst(7 + length)
                        continue
                    }
                    answerGivenUp = buffer.count > 7 + length
                    return GA467Exchange(response: response, skippedBytes: skipped)
                }
            }
            let more = try line.read(upTo: 2048, until: deadline)
            guard !more.isEmpty else { throw silence(command, timeout: timeout, received: buffer, skipped: skipped) }
            buffer += more
        }
    }

    /// Reads and drops input until none has come for `quietPeriod`.
    private func drain() throws(KioskError) {
        let giveUp = line.clock.now + Self.longestDrain
        while line.clock.now < giveUp {
            if try line.read(upTo: 4096, until: line.clock.now + Self.quietPeriod).isEmpty {
                answerGivenUp = false
                return
            }
        }
        throw KioskError(.cardNotResponding, "the ID reader on \(line.path) keeps sending bytes nobody asked for (\(Self.longestDrain) without a pause)")
    }

    /// The offset of the first byte from which the preamble can still begin (all of `buffer`
    /// when none can).
    static func frameStart(in buffer: [UInt8]) -> Int {
        let preamble = GA467Frame.preamble
        var offset = 0
        while offset < buffer.count {
            let rest = buffer[offset...]
            let compared = min(rest.count, preamble.count)
            if rest.prefix(compared).elementsEqual(preamble.prefix(compared)) { return offset }
            offset += 1
        }
        return buffer.count
    }

    private func silence(_ command: GA467Command, timeout: Duration, received: [UInt8], skipped: Int) -> KioskError {
        if received.isEmpty {
            let noise = skipped > 0 ? " (only \(skipped) byte(s) that were not a GA 467 frame)" : ""
            return KioskError(.cardNotResponding, "the ID reader on \(line.path) did not answer \(command) within \(timeout)\(noise)")
        }
        let expected = received.count >= 7 ? " of \(7 + (Int(received[5]) << 8 | Int(received[6])))" : ""
        return KioskError(.cardUnreadable, "the ID reader on \(line.path) sent a truncated answer to \(command): \(received.count)\(expected) byte(s) within \(timeout)")
    }
}
