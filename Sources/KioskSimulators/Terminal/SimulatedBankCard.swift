import KioskCore

/// A card the simulated cardholder presents to the simulated PIN pad: a bank card or the financial
/// account of a social security card (社保卡金融账户, a UnionPay debit account).
///
/// The terminal keeps the balance of each card number it has seen (`SimulatedPaymentTerminal
/// .balance(of:)`): `balance` is the balance the card starts with there.
///
/// `description`, `debugDescription` and the mirror name the brand and kind only: never the card
/// number, the PIN or the balance.
public struct SimulatedBankCard: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bankCard = "bank card"
        /// The financial account of a social security card (社保卡金融账户).
        case socialSecurityCard = "social security card"
    }

    /// The last month the card is valid in ("valid thru" year and month).
    public struct Expiry: Sendable, Hashable, Comparable {
        public var year: Int
        /// 1–12.
        public var month: Int

        public init(year: Int, month: Int) {
            self.year = year
            self.month = month
        }

        public static func < (a: Expiry, b: Expiry) -> Bool { (a.year, a.month) < (b.year, b.month) }
    }

    /// The card number, digits only.
    public var pan: String
    public var expiry: Expiry
    public var pin: String
    public var balance: Money
    public var isBlocked: Bool
    /// The `PaymentBrand` the terminal reports.
    public var brand: String
    public var kind: Kind

    public init(
        pan: String, expiry: Expiry, pin: String, balance: Money, isBlocked: Bool = false, brand: String = "UnionPay",
        kind: Kind = .bankCard
    ) {
        self.pan = pan
        self.expiry = expiry
        self.pin = pin
        self.balance = balance
        self.isBlocked = isBlocked
        self.brand = brand
        self.kind = kind
    }

    /// The card number as Adyen's terminals report it: first six, " **** ", last four
    /// ("622202 **** 0017"); "****" and the last four of a number shorter than ten digits.
    public var maskedPAN: String {
        let digits = pan.filter { $0.isASCII && $0.isNumber }
        guard digits.count >= 10 else { return "****" + String(digits.suffix(4)) }
        return String(digits.prefix(6)) + " **** " + String(digits.suffix(4))
    }

    public var description: String { "SimulatedBankCard(\(brand) \(kind.rawValue)\(isBlocked ? ", blocked" : ""))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["brand": brand, "kind": kind, "isBlocked": isBlocked], displayStyle: .struct)
    }
}

extension SimulatedBankCard {
    /// Every sample card's PIN.
    public static let samplePIN = "123456"

    /// A UnionPay debit card with ¥5,000.00.
    public static let unionPayDebit = SimulatedBankCard(
        pan: "6222021000000000017", expiry: Expiry(year: 2035, month: 12), pin: samplePIN, balance: .yuan(5_000)
    )

    /// The financial account of a social security card, with ¥2,000.00.
    public static let socialSecurityCard = SimulatedBankCard(
        pan: "6217001000000000029", expiry: Expiry(year: 2034, month: 6), pin: samplePIN, balance: .yuan(2_000),
        kind: .socialSecurityCard
    )

    /// A debit card with ¥50.00: a year's contribution is more.
    public static let insufficientFunds = SimulatedBankCard(
        pan: "6228481000000000033", expiry: Expiry(year: 2035, month: 12), pin: samplePIN, balance: .yuan(50)
    )

    /// A debit card that expired in June 2021.
    public static let expired = SimulatedBankCard(
        pan: "6259651000000000040", expiry: Expiry(year: 2021, month: 6), pin: samplePIN, balance: .yuan(5_000)
    )

    /// A debit card its bank has blocked (reported lost).
    public static let blocked = SimulatedBankCard(
        pan: "6225881000000000050", expiry: Expiry(year: 2035, month: 12), pin: samplePIN, balance: .yuan(5_000), isBlocked: true
    )

    /// The sample card called `name` in `samples`.
    public static func sample(named name: String) -> SimulatedBankCard? {
        samples.first { $0.name == name }?.card
    }

    /// The sample cards, for the demo panel.
    public static let samples: [(name: String, card: SimulatedBankCard)] = [
        ("unionPayDebit", .unionPayDebit), ("socialSecurityCard", .socialSecurityCard), ("insufficientFunds", .insufficientFunds),
        ("expired", .expired), ("blocked", .blocked),
    ]
}
