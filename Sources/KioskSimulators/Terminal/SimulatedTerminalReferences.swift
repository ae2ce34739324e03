/// Where the simulated terminal's numbers come from: approval codes, PSP references (the acquirer's
/// transaction id) and tender references (the first half of a `POITransactionID`). Random by
/// default; seeded or sequential for tests.
public struct SimulatedTerminalReferences: Sendable {
    /// The numbers of one transaction.
    public struct Issued: Sendable, Hashable {
        /// Six digits.
        public var approvalCode: String
        /// Sixteen digits.
        public var pspReference: String
        /// "SIMT" and ten digits.
        public var tenderReference: String

        /// The terminal's `POITransactionID.TransactionID`, as Adyen forms it: tender reference "."
        /// PSP reference.
        public var poiTransactionID: String { tenderReference + "." + pspReference }
    }

    private enum Source: Sendable {
        case sequential(UInt64)
        case seeded(UInt64)
    }

    private var source: Source

    /// Transaction n (from `start`) gets approval code n, PSP reference 88 followed by n, tender
    /// reference SIMT followed by n, each zero-padded.
    public static func sequential(startingAt start: UInt64 = 1) -> SimulatedTerminalReferences {
        SimulatedTerminalReferences(source: .sequential(start))
    }

    /// The same numbers for the same seed (SplitMix64).
    public static func seeded(_ seed: UInt64) -> SimulatedTerminalReferences {
        SimulatedTerminalReferences(source: .seeded(seed))
    }

    public static func random() -> SimulatedTerminalReferences {
        .seeded(UInt64.random(in: .min ... .max))
    }

    /// The numbers of the next transaction.
    public mutating func next() -> Issued {
        switch source {
        case .sequential(let n):
            source = .sequential(n &+ 1)
            return Issued(
                approvalCode: Self.digits(n, 6), pspReference: "88" + Self.digits(n, 14), tenderReference: "SIMT" + Self.digits(n, 10)
            )
        case .seeded(var state):
            let approval = Self.splitMix(&state) % 1_000_000
            let psp = Self.splitMix(&state) % 100_000_000_000_000
            let tender = Self.splitMix(&state) % 10_000_000_000
            source = .seeded(state)
            return Issued(
                approvalCode: Self.digits(approval, 6), pspReference: "88" + Self.digits(psp, 14), tenderReference: "SIMT" + Self.digits(tender, 10)
            )
        }
    }

    /// The low `width` decimal digits of `value`, zero-padded.
    private static func digits(_ value: UInt64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? String(text.suffix(width)) : String(repeating: "0", count: width - text.count) + text
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
