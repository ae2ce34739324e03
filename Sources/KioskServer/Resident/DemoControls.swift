import KioskCore

/// The hands of a tester on `kioskd --demo`: simulated cards, scans, paper and backend. Served
/// under `/demo/api/` only in demo mode.
public protocol DemoControls: Sendable {
    func residents() async -> [DemoResidentInfo]
    func insertCard(_ kind: CardKind, resident: Int) async throws(KioskError)
    func removeCard(_ kind: CardKind) async
    func scanPayCode(channel: PayCode.Channel, outcome: String) async throws(KioskError)
    func scanESSC(resident: Int) async throws(KioskError)
    func scan(text: String) async
    /// The resident's phone pays the QR on the screen.
    func payShownQR(channel: PayCode.Channel) async throws(KioskError)
    func setPaper(_ paper: PaperSupply) async
    func setBackend(up: Bool) async
    /// The resident (or a fault) at the virtual PIN pad.
    func terminal(_ step: DemoTerminalStep) async throws(KioskError)
    func state() async -> DemoState
    /// The last document the simulated printer printed, as a PNG image; nil before the first.
    func lastReceiptImage() async -> [UInt8]?
}

/// A demo resident as the control panel lists them: masked, with what they can show.
public struct DemoResidentInfo: Sendable, Hashable, Codable {
    public var index: Int
    public var label: String
    public var hasSSC: Bool
    public var hasESSC: Bool

    public init(index: Int, label: String, hasSSC: Bool, hasESSC: Bool) {
        self.index = index
        self.label = label
        self.hasSSC = hasSSC
        self.hasESSC = hasESSC
    }
}

public struct DemoState: Sendable, Hashable, Codable {
    public var printer: String
    public var backendUp: Bool
    public var cards: [String: Bool]
    public var screen: String
    /// Documents printed so far: the page fetches the receipt image again when it changes.
    public var printed: Int
    /// What the virtual PIN pad's own screen shows (nil: a real terminal is configured).
    public var terminal: String?

    public init(printer: String, backendUp: Bool, cards: [String: Bool], screen: String, printed: Int, terminal: String? = nil) {
        self.terminal = terminal
        self.printed = printed
        self.printer = printer
        self.backendUp = backendUp
        self.cards = cards
        self.screen = screen
    }
}

/// One thing done at the demo's virtual PIN pad (`POST /demo/api/terminal`).
public struct DemoTerminalStep: Sendable, Hashable, Codable {
    /// "present", "pin", "cancel", "remove", "fault", "clear", "offline" (unplug the pad from the network) or "online".
    public var action: String
    /// For "present": which demo card ("unionPayDebit", "socialSecurityCard", "insufficientFunds", "expired", "blocked").
    public var card: String?
    /// For "present": "insert" or "tap".
    public var entry: String?
    /// For "pin": "correct" or "wrong".
    public var pin: String?
    /// For "fault": "busy", "answerLostAfterApproval", "restartMidTransaction", "neverAnswers", "inProgress", "declineReversal".
    public var fault: String?

    public init(action: String, card: String? = nil, entry: String? = nil, pin: String? = nil, fault: String? = nil) {
        self.action = action
        self.card = card
        self.entry = entry
        self.pin = pin
        self.fault = fault
    }
}
