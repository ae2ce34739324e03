/// What technicians see of the card readers through the admin API (`kioskctl cards …`).
/// Every holder field in these types is masked (`CardReport`); ATRs are not personal data.
public protocol CardDiagnostics: Sendable {
    /// The readers known now, with their role and whether a card is in them.
    func readers() async -> [CardReaderInfo]
    /// Events from now on: readers appearing and vanishing, cards inserted (with a masked read) and removed.
    func watch() -> AsyncStream<CardWatchEvent>
    /// Reads the card in `reader` (a name or pattern; nil = the SSC slot first, then the ID-card slot).
    func readReport(reader: String?) async throws(KioskError) -> CardReport
    /// Cards inserted while `allowed` says no are not read for watchers: they get the insertion
    /// and a `cardRead` event saying why, so a resident's card is read only by the resident's session.
    func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool)
}

extension CardDiagnostics {
    /// The `cardRead` event a watcher gets for a card the kiosk did not read for it.
    public static func notReadForWatchers(reader: String) -> CardWatchEvent {
        CardWatchEvent(kind: .cardRead, reader: reader, problem: CardReaderInfo.notReadForWatchers)
    }
}

extension CardReaderInfo {
    /// Why a technician's read of a card was not made.
    public static let notReadForWatchers = CardReport.Problem(
        code: KioskError.Code.sessionResidentBeingServed.rawValue, message: "not read: a resident is being served")
}

public struct CardReaderInfo: Sendable, Codable, Equatable {
    public var name: String
    /// "ssc" or "idcard" when the reader serves a slot of this kiosk; nil for a reader the kiosk does not use.
    public var role: String?
    public var cardPresent: Bool
    /// The card's answer-to-reset, upper-case hex; nil without a card.
    public var atr: String?

    public init(name: String, role: String?, cardPresent: Bool, atr: String?) {
        self.name = name
        self.role = role
        self.cardPresent = cardPresent
        self.atr = atr
    }
}

/// One line of `kioskctl cards watch` (NDJSON on the wire).
public struct CardWatchEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case readerAdded = "reader-added"
        case readerRemoved = "reader-removed"
        case cardInserted = "card-inserted"
        case cardRemoved = "card-removed"
        /// A masked decode of the card just inserted (or the reason it could not be read).
        case cardRead = "card-read"
        case serviceLost = "service-lost"
        case serviceRestored = "service-restored"
    }

    public var kind: Kind
    public var reader: String?
    public var atr: String?
    public var report: CardReport?
    /// For failures: the error code and what is wrong (never personal data).
    public var problem: CardReport.Problem?

    public init(kind: Kind, reader: String? = nil, atr: String? = nil, report: CardReport? = nil, problem: CardReport.Problem? = nil) {
        self.kind = kind
        self.reader = reader
        self.atr = atr
        self.report = report
        self.problem = problem
    }
}

