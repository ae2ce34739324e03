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

    public init(printer: String, backendUp: Bool, cards: [String: Bool], screen: String, printed: Int) {
        self.printed = printed
        self.printer = printer
        self.backendUp = backendUp
        self.cards = cards
        self.screen = screen
    }
}
