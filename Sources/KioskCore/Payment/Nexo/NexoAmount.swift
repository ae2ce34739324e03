import Foundation

/// nexo amounts (`RequestedAmount`, `AuthorizedAmount`, `ReversedAmount`, `TransactionAmount`…)
/// are JSON decimal numbers in major units of the message's `Currency`, e.g. `10.99`. The kiosk
/// counts in `Money` (integer fen); this converts between the two exactly, through `Decimal`,
/// never through `Double`, and refuses what is not a whole number of fen.
///
/// Foundation's `JSONDecoder` (swift-foundation, also on Linux) reads a `Decimal` from the number's
/// digits, so `10.99`, `0.1` and `1234567.89` arrive exact; `JSONEncoder` writes a `Decimal` built
/// from fen back as `10.99`.
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/post/payment (`AmountsReq`; Adyen's
/// OpenAPI schema types amounts as `number`, e.g. `ReversedAmount` "minimum 0, maximum
/// 99999999.999999"); example `"RequestedAmount": 10.99`,
/// https://docs.adyen.com/point-of-sale/add-data/pass-add-data-key-value.json .
public enum NexoAmount {
    /// The exact fen of `amount` (major units). Throws when it is negative, not a number, has more
    /// than two decimals, or does not fit in `Int64` fen.
    public static func money(from amount: Decimal) throws(NexoMessageError) -> Money {
        guard !amount.isNaN else { throw NexoMessageError("the amount is not a number") }
        guard amount >= 0 else { throw NexoMessageError("the amount \(amount) is negative") }
        let fen = amount * 100
        // `Decimal.description` is locale-independent ("1099", "10.999"): only a whole number of fen
        // converts, and only one within Int64.
        guard let value = Int64(fen.description) else {
            if fen.description.contains(".") {
                throw NexoMessageError("the amount \(amount) has more than 2 decimals")
            }
            throw NexoMessageError("the amount \(amount) is too large")
        }
        return Money(fen: value)
    }

    /// `money` in major units with at most two decimals (`Money(fen: 1099)` → `10.99`). Throws for a
    /// negative amount: nexo amounts are never negative (a refund is a Reversal, not a minus).
    public static func decimal(from money: Money) throws(NexoMessageError) -> Decimal {
        guard money.fen >= 0 else { throw NexoMessageError("the amount \(money.yuanText) is negative") }
        return Decimal(sign: .plus, exponent: -2, significand: Decimal(money.fen))
    }
}

extension KeyedDecodingContainer {
    /// Reads a nexo amount as `Money`, failing with a `DecodingError.dataCorrupted` that says why.
    func decodeNexoAmount(forKey key: Key) throws -> Money {
        let amount = try decode(Decimal.self, forKey: key)
        do throws(NexoMessageError) {
            return try NexoAmount.money(from: amount)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: error.message)
        }
    }

    func decodeNexoAmountIfPresent(forKey key: Key) throws -> Money? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeNexoAmount(forKey: key)
    }

    /// Reads a nexo DigitString or integer (`POIReconciliationID`, `HostStatus.AcquirerID`) as a
    /// string: Adyen's examples send `"1000"`, its OpenAPI schema says integer; either is accepted.
    func decodeDigitsIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text }
        if let number = try? decode(Int64.self, forKey: key) { return String(number) }
        throw DecodingError.typeMismatch(
            String.self,
            DecodingError.Context(codingPath: codingPath + [key], debugDescription: "expected a string of digits or an integer")
        )
    }

    /// Reads an integer that some terminals send as a string of digits (`TransactionCount`).
    func decodeLenientInt(forKey key: Key) throws -> Int {
        if let number = try? decode(Int.self, forKey: key) { return number }
        if let text = try? decode(String.self, forKey: key), let number = Int(text) { return number }
        return try decode(Int.self, forKey: key)  // rethrows the keyNotFound / typeMismatch
    }
}

extension KeyedEncodingContainer {
    /// Writes `money` as a nexo amount (major units, at most two decimals).
    mutating func encodeNexoAmount(_ money: Money, forKey key: Key) throws {
        let amount: Decimal
        do throws(NexoMessageError) {
            amount = try NexoAmount.decimal(from: money)
        } catch {
            throw EncodingError.invalidValue(
                money, EncodingError.Context(codingPath: codingPath + [key], debugDescription: error.message)
            )
        }
        try encode(amount, forKey: key)
    }

    mutating func encodeNexoAmountIfPresent(_ money: Money?, forKey key: Key) throws {
        guard let money else { return }
        try encodeNexoAmount(money, forKey: key)
    }
}
