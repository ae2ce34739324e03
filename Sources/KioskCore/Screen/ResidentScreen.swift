/// What the touch screen shows for one session state: masked, already in plain Chinese where the
/// wording is the kiosk's decision, and with the actions the state machine accepts there. The page
/// only presents it (`Sources/KioskServer/UI`, contract in the README).
public struct ResidentScreen: Sendable, Hashable, Encodable {
    public struct Notice: Sendable, Hashable, Encodable {
        public enum Tone: String, Sendable, Hashable, Encodable { case error, info }
        public var code: String
        public var text: String
        public var tone: Tone
    }

    public struct Person: Sendable, Hashable, Encodable {
        public var name: String
        public var idNumber: String?
    }

    public struct Tier: Sendable, Hashable, Encodable {
        public struct Component: Sendable, Hashable, Encodable {
            public var label: String
            public var amount: String
            public var included: Bool
        }

        public var index: Int
        public var label: String
        public var due: String
        public var dueFen: Int64
        public var amount: String
        public var relief: String
        public var surcharge: String
        public var components: [Component]
    }

    public struct Relief: Sendable, Hashable, Encodable {
        public var kind: String
        public var label: String
        public var description: String
    }

    public struct Window: Sendable, Hashable, Encodable {
        public var phase: String
        public var label: String
        public var opens: String?
        public var closes: String?
    }

    public struct Enrollment: Sendable, Hashable, Encodable {
        public var year: Int
        public var policyTitle: String
        public var category: String
        public var status: String
        public var tiers: [Tier]
        public var selectedTier: Int?
        public var relief: Relief?
        public var window: Window
        public var notes: [String]
    }

    public struct Amount: Sendable, Hashable, Encodable {
        public var fen: Int64
        public var text: String
        public var capitals: String
    }

    public struct QR: Sendable, Hashable, Encodable {
        public var svg: String
        public var channelsText: String
    }

    public struct Countdown: Sendable, Hashable, Encodable {
        public var timer: String
        /// Milliseconds since 1970 when the screen's timer fires.
        public var deadline: Int64
        public var seconds: Int
    }

    public struct Relative: Sendable, Hashable, Encodable {
        public var index: Int
        public var name: String
        public var relation: String
    }

    public struct HistoryLine: Sendable, Hashable, Encodable {
        public var index: Int
        public var year: Int
        public var amount: String
        public var status: String
        public var statusText: String
        public var method: String
        public var date: String
        public var forOther: Bool
        public var canReprint: Bool
    }

    public struct Completion: Sendable, Hashable, Encodable {
        public var kind: String
        public var receipt: String
    }

    public struct Printing: Sendable, Hashable, Encodable {
        public var document: String
    }

    public var screen: String
    public var seq: Int
    public var demo: Bool
    public var actions: [String]
    public var prompt: String
    public var notice: Notice?
    public var busy: String?
    public var person: Person?
    public var payer: Person?
    public var enrollment: Enrollment?
    public var amount: Amount?
    public var methods: [String]?
    /// Configured methods not offered now (their device is away): the page says so.
    public var unavailableMethods: [String]?
    public var qr: QR?
    public var countdown: Countdown?
    public var relatives: [Relative]?
    public var history: [HistoryLine]?
    public var completion: Completion?
    public var printing: Printing?
    public var resume: String?
    /// The words of this kind of screen (`ResidentPageTexts`): the page places them and holds none.
    public var texts: [String: String]
}
