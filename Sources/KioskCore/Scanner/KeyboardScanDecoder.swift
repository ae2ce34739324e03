/// Assembles codes typed by a scanner in keyboard emulation, from 8-byte HID boot-keyboard
/// reports `[modifiers, reserved, key1…key6]`, without I/O. Characters come from `KeyboardUsage`.
///
/// A key counts once while held: it is new only when the previous report did not have it (an
/// all-zero report releases every key), and once even if a report lists it twice. Enter ends the
/// code. When a key comes later than the inter-key timeout after the previous one, the partial
/// code is dropped and the late key starts the next code. A key that cannot be part of a code
/// (unknown usage, or typed with Ctrl, Alt or GUI held), a report of the wrong size or an overlong
/// code drops the partial code and also the rest of that code, up to its Enter or the next pause:
/// a garbled pay code is never submitted.
public struct KeyboardScanDecoder: Sendable, CustomStringConvertible {
    public static let reportSize = 8
    static let keySlots = 2..<reportSize

    public let interKeyTimeout: Duration
    private var partial: [Character] = []
    private var lastKey: Duration?
    private var heldKeys: [UInt8] = []
    private var skippingRestOfCode = false

    public init(interKeyTimeout: Duration = .milliseconds(100)) {
        self.interKeyTimeout = interKeyTimeout
    }

    /// When the partial code expires; nil when nothing is pending.
    public var pendingDeadline: Duration? {
        guard !partial.isEmpty, let lastKey else { return nil }
        return lastKey + interKeyTimeout
    }

    /// Drops the partial code once its deadline has come; `.pending` when there is nothing to drop.
    public mutating func expire(at now: Duration) -> ScanDecodeResult {
        guard let deadline = pendingDeadline, now >= deadline, let lastKey else { return .pending }
        return drop("partial code of \(partial.count.counted("character")) dropped after \((now - lastKey).wholeMilliseconds) ms without a key")
    }

    public mutating func decode(report: [UInt8], at now: Duration) -> ScanDecodeResult {
        guard report.count == Self.reportSize else {
            heldKeys = []
            let gap = endPause(at: now)
            lastKey = now
            return Self.merge(gap, dropAndSkip("keyboard report of \(report.count.counted("byte")) (expected \(Self.reportSize))"))
        }
        var result = ScanDecodeResult.pending
        for slot in Self.keySlots where isNewKey(report, slot) {
            result = Self.merge(result, press(report[slot], modifiers: report[0], at: now))
        }
        heldKeys.removeAll(keepingCapacity: true)
        for slot in Self.keySlots where report[slot] != 0 { heldKeys.append(report[slot]) }
        return result
    }

    /// Not held in the previous report, nor listed in an earlier slot of this one.
    private func isNewKey(_ report: [UInt8], _ slot: Int) -> Bool {
        let key = report[slot]
        return key != 0 && !heldKeys.contains(key) && !(Self.keySlots.lowerBound..<slot).contains { report[$0] == key }
    }

    /// How much is pending, never what.
    public var description: String {
        "keyboard scan decoder (\(partial.count.counted("character")) pending\(skippingRestOfCode ? ", skipping the rest of a dropped code" : ""))"
    }

    private mutating func press(_ key: UInt8, modifiers: UInt8, at now: Duration) -> ScanDecodeResult {
        let gap = endPause(at: now)
        lastKey = now
        let commandHeld = modifiers & KeyboardUsage.commandBits != 0
        guard !commandHeld, let usage = KeyboardUsage(usage: key, shifted: modifiers & KeyboardUsage.shiftBits != 0) else {
            guard !skippingRestOfCode else { return gap }
            let why = commandHeld ? "a key typed with Ctrl, Alt or GUI held" : "unknown key usage 0x\(key.hexByte)"
            return Self.merge(gap, dropAndSkip(why))
        }
        if skippingRestOfCode {
            if usage == .enter { skippingRestOfCode = false }
            return gap
        }
        switch usage {
        case .enter:
            guard !partial.isEmpty else { return gap }
            let text = String(partial)
            partial = []
            return Self.merge(gap, .scan(DecodedScan(text: text)))
        case .character(let character):
            guard partial.count < DecodedScan.maximumLength else {
                return Self.merge(gap, dropAndSkip("code longer than \(DecodedScan.maximumLength) characters"))
            }
            partial.append(character)
            return gap
        }
    }

    /// A key after the timeout: the partial code (or the skipped rest of a broken one) is over.
    private mutating func endPause(at now: Duration) -> ScanDecodeResult {
        guard let lastKey, now - lastKey >= interKeyTimeout else { return .pending }
        skippingRestOfCode = false
        guard !partial.isEmpty else { return .pending }
        let timeout = interKeyTimeout.wholeMilliseconds
        return drop("partial code of \(partial.count.counted("character")) dropped: the next key came after \((now - lastKey).wholeMilliseconds) ms (timeout \(timeout) ms)")
    }

    private mutating func drop(_ reason: String) -> ScanDecodeResult {
        partial = []
        return .discarded(reason)
    }

    private mutating func dropAndSkip(_ why: String) -> ScanDecodeResult {
        let dropped = partial.isEmpty ? "the code it belongs to is dropped" : "partial code of \(partial.count.counted("character")) dropped"
        skippingRestOfCode = true
        return drop("\(why); \(dropped)")
    }

    /// One report can end one code and start the next: a scan wins over a drop, two drops join
    /// their reasons, and of two scans only the first is kept (scanners type one key a report,
    /// so that last case does not happen in practice).
    private static func merge(_ first: ScanDecodeResult, _ second: ScanDecodeResult) -> ScanDecodeResult {
        guard case .discarded(let one) = first else { return first == .pending ? second : first }
        switch second {
        case .pending: return first
        case .scan: return second
        case .discarded(let other): return .discarded("\(one); then \(other)")
        }
    }
}
