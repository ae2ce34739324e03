import Foundation
import KioskCore

/// How a simulated payment ends without a charge: the nexo `ErrorCondition`, the
/// `AdditionalResponse` fields Adyen's terminals send with it, and the text the pad shows.
///
/// Source: https://docs.adyen.com/point-of-sale/error-scenarios/refusal-reasons-pos .
struct SimulatedTerminalDecline: Sendable, Equatable {
    var condition: NexoErrorCondition
    var refusalReason: String?
    var message: String?
    /// What `SimulatedTerminalScreen.declined` and the ledger show.
    var screenText: String
    /// Whether the acquirer was asked (the response then carries a `pspReference`).
    var reachedAcquirer: Bool

    static let notEnoughBalance = Self(condition: .refusal, refusalReason: "Not enough balance", screenText: "Not enough balance", reachedAcquirer: true)
    static let expiredCard = Self(condition: .refusal, refusalReason: "Expired Card", screenText: "Expired Card", reachedAcquirer: true)
    static let blockedCard = Self(condition: .refusal, refusalReason: "Blocked Card", screenText: "Blocked Card", reachedAcquirer: true)
    static let wrongPIN = Self(condition: .wrongPIN, refusalReason: "Invalid Pin", screenText: "Wrong PIN", reachedAcquirer: true)
    static let cancelled = Self(condition: .cancel, message: "Shopper cancelled", screenText: "Cancelled", reachedAcquirer: false)
    static let timedOut = Self(condition: .cancel, refusalReason: "Shopper timed out", screenText: "Timed out", reachedAcquirer: false)
    static let aborted = Self(condition: .aborted, message: "Aborted by the sale system", screenText: "Aborted", reachedAcquirer: false)
    static let cardRemoved = Self(condition: .cancel, message: "Card removed", screenText: "Card removed", reachedAcquirer: false)

    init(condition: NexoErrorCondition, refusalReason: String? = nil, message: String? = nil, screenText: String, reachedAcquirer: Bool) {
        self.condition = condition
        self.refusalReason = refusalReason
        self.message = message
        self.screenText = screenText
        self.reachedAcquirer = reachedAcquirer
    }
}

/// How a payment at the pad ends.
enum SimulatedPaymentEnding: Sendable, Equatable {
    case approved
    case declined(SimulatedTerminalDecline)
}

/// Writing `Response.AdditionalResponse` URL-encoded, as Adyen's terminals do by default
/// (`pspReference=…&tid=…&transactionType=GOODS_SERVICES`); read back by
/// `NexoAdditionalResponse.fields(of:)`.
enum SimulatedAdditionalResponse {
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// Percent-escapes everything but ASCII letters, digits and "-._~" (a space as %20).
    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
