import Foundation

/// The `Response` object of every nexo response body: `Result`, `ErrorCondition`,
/// `AdditionalResponse`.
///
/// "In progress" is not a result of its own: the terminal answers `Result` **Failure** with
/// `ErrorCondition` **InProgress** (`isInProgress`).
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/post/payment (responses, `Response`),
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/verify-transaction-status (InProgress,
/// NotFound), https://docs.adyen.com/point-of-sale/error-scenarios/refusal-reasons-pos (ErrorCondition
/// plus `refusalReason` and `message` in `AdditionalResponse`).
public struct NexoResult: Codable, Sendable, Hashable, CustomStringConvertible {
    /// nexo `Result`.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case success = "Success"
        case failure = "Failure"
        /// Part of the request was done (e.g. a partial approval).
        case partial = "Partial"
    }

    public var result: Outcome
    public var errorCondition: NexoErrorCondition?
    /// URL-encoded `key=value&…` or base64 JSON; see `additionalFields`. May hold card and
    /// cardholder data: log `additionalFields` entries one by one, never the whole string.
    public var additionalResponse: String?

    public init(result: Outcome, errorCondition: NexoErrorCondition? = nil, additionalResponse: String? = nil) {
        self.result = result
        self.errorCondition = errorCondition
        self.additionalResponse = additionalResponse
    }

    /// `Result` Failure with `ErrorCondition` InProgress: the transaction is still running.
    public var isInProgress: Bool { result == .failure && errorCondition == .inProgress }

    /// `AdditionalResponse` as fields (`refusalReason`, `pspReference`, `tid`, `transactionType`,
    /// `message`…), empty when absent. See `NexoAdditionalResponse.fields(of:)`.
    public var additionalFields: [String: String] {
        additionalResponse.map(NexoAdditionalResponse.fields(of:)) ?? [:]
    }

    /// Result and error condition only: `AdditionalResponse` may name the cardholder.
    public var description: String {
        var text = "Response(\(result.rawValue)"
        if let errorCondition { text += ", \(errorCondition.rawValue)" }
        if let additionalResponse { text += ", AdditionalResponse: \(additionalResponse.utf8.count) bytes" }
        return text + ")"
    }

    enum CodingKeys: String, CodingKey {
        case result = "Result"
        case errorCondition = "ErrorCondition"
        case additionalResponse = "AdditionalResponse"
    }
}

/// nexo `ErrorCondition`, read as an open string: the known values are constants, and any other
/// value a terminal sends (e.g. "Communication timeout") is kept as it came.
///
/// Source: Adyen's `ErrorConditionType` (adyen-java-api-library
/// `src/main/java/com/adyen/model/nexo/ErrorConditionType.java`), and
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/payment#responses-200-Response-ErrorCondition .
public struct NexoErrorCondition: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Cancelled by the sale system (an AbortRequest).
    public static let aborted = Self("Aborted")
    /// The terminal is busy with another request.
    public static let busy = Self("Busy")
    /// Cancelled at the terminal (by the customer).
    public static let cancel = Self("Cancel")
    public static let deviceOut = Self("DeviceOut")
    public static let inProgress = Self("InProgress")
    public static let insertedCard = Self("InsertedCard")
    public static let invalidCard = Self("InvalidCard")
    public static let loggedOut = Self("LoggedOut")
    public static let messageFormat = Self("MessageFormat")
    public static let notAllowed = Self("NotAllowed")
    public static let notFound = Self("NotFound")
    public static let paymentRestriction = Self("PaymentRestriction")
    /// Declined by the issuer or acquirer; `refusalReason` in `AdditionalResponse` says why.
    public static let refusal = Self("Refusal")
    public static let unavailableDevice = Self("UnavailableDevice")
    public static let unavailableService = Self("UnavailableService")
    public static let unreachableHost = Self("UnreachableHost")
    public static let wrongPIN = Self("WrongPIN")

    /// The values nexo Retailer (and Adyen's schema) define.
    public static let known: [NexoErrorCondition] = [
        .aborted, .busy, .cancel, .deviceOut, .inProgress, .insertedCard, .invalidCard, .loggedOut, .messageFormat,
        .notAllowed, .notFound, .paymentRestriction, .refusal, .unavailableDevice, .unavailableService,
        .unreachableHost, .wrongPIN,
    ]

    /// Whether this is one of `known`.
    public var isKnown: Bool { Self.known.contains(self) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Reading `Response.AdditionalResponse`, which Adyen sends either URL-encoded
/// (`tid=75039202&transactionType=GOODS_SERVICES&pspReference=8515565295894301&…`) or, when the
/// terminal is configured so, as base64 of a JSON object `{"additionalData": {…}, "message": …,
/// "store": …}` (adyen-dotnet-api-library `Adyen/TerminalApi/Utilities/CardAcquisitionUtil.cs`).
///
/// Sources: https://docs.adyen.com/point-of-sale/add-data (receive additional data),
/// https://docs.adyen.com/point-of-sale/error-scenarios/refusal-reasons-pos .
public enum NexoAdditionalResponse {
    /// The fields of `text`: base64 JSON is flattened (`additionalData` entries plus the other
    /// top-level values), anything else is read as URL-encoded.
    public static func fields(of text: String) -> [String: String] {
        if let fields = base64JSONFields(text) { return fields }
        return urlEncodedFields(text)
    }

    /// `key=value&…` with percent escapes and `+` as a space (as Adyen's own libraries decode it,
    /// with `java.net.URLDecoder`). Pieces without `=` (e.g. "101 Shopper cancelled app selection",
    /// which some terminals send) are skipped; of repeated keys the first wins.
    public static func urlEncodedFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = decodeComponent(piece[..<equals])
            let value = decodeComponent(piece[piece.index(after: equals)...])
            guard !key.isEmpty, fields[key] == nil else { continue }
            fields[key] = value
        }
        return fields
    }

    /// The fields of base64-encoded JSON, or nil when `text` is not base64 of a JSON object.
    /// Nested objects other than `additionalData` are left out; numbers and booleans become text.
    public static func base64JSONFields(_ text: String) -> [String: String]? {
        var padded = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Base64 of a JSON object starts with "e" (the encoding of "{"); URL-encoded text has "&"
        // or characters base64 does not use.
        guard padded.first == "e",
              padded.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "+/=".unicodeScalars.contains($0)) })
        else { return nil }
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        var fields: [String: String] = [:]
        for (key, value) in object {
            if key == "additionalData", let nested = value as? [String: Any] {
                for (nestedKey, nestedValue) in nested {
                    if let text = scalarText(nestedValue) { fields[nestedKey] = text }
                }
            } else if let text = scalarText(value) {
                fields[key] = text
            }
        }
        return fields
    }

    private static func scalarText(_ value: Any) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    private static func decodeComponent(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
