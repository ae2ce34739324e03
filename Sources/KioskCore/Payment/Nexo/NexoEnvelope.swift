import Foundation

/// A nexo request as the sale system sends it, in Adyen's JSON dialect:
/// `{"SaleToPOIRequest": {"MessageHeader": {…}, "<Category>Request": {…}}}`. The body's key is the
/// header's `MessageCategory` followed by "Request"; encoding refuses a header whose category or
/// type does not fit the body. Absent (nil) fields are left out, never written as null.
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/overview ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment .
public struct NexoRequest: Codable, Sendable, Equatable {
    public var header: NexoMessageHeader
    public var body: Body

    /// The request bodies this kiosk sends.
    public enum Body: Sendable, Equatable {
        case payment(NexoPaymentRequest)
        case transactionStatus(NexoTransactionStatusRequest)
        case abort(NexoAbortRequest)
        case reversal(NexoReversalRequest)
        case login(NexoLoginRequest)
        case reconciliation(NexoReconciliationRequest)
        case diagnosis(NexoDiagnosisRequest)
        case display(NexoDisplayRequest)

        public var messageCategory: NexoMessageHeader.MessageCategory {
            switch self {
            case .payment: .payment
            case .transactionStatus: .transactionStatus
            case .abort: .abort
            case .reversal: .reversal
            case .login: .login
            case .reconciliation: .reconciliation
            case .diagnosis: .diagnosis
            case .display: .display
            }
        }

        /// Display is a Device message; the others are Service messages.
        public var messageClass: NexoMessageHeader.MessageClass {
            messageCategory == .display ? .device : .service
        }

        /// "PaymentRequest", "TransactionStatusRequest"…
        public var key: String { messageCategory.rawValue + "Request" }
    }

    public init(header: NexoMessageHeader, body: Body) {
        self.header = header
        self.body = body
    }

    /// A request whose header takes its category and class from `body`.
    public init(body: Body, serviceID: String, saleID: String, poiID: String, deviceID: String? = nil, protocolVersion: String? = "3.0") {
        self.init(
            header: NexoMessageHeader(
                protocolVersion: protocolVersion, messageClass: body.messageClass, messageCategory: body.messageCategory,
                messageType: .request, serviceID: serviceID, deviceID: deviceID, saleID: saleID, poiID: poiID
            ),
            body: body
        )
    }

    /// The JSON to send (keys in no particular order).
    public func jsonData() throws(NexoMessageError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw NexoMessageError(NexoCodingFailure.message(for: error, side: .request))
        }
    }

    /// Reads a request (Adyen's examples, or a request written before).
    public init(jsonData: Data) throws(NexoMessageError) {
        do {
            self = try JSONDecoder().decode(NexoRequest.self, from: jsonData)
        } catch {
            throw NexoMessageError(NexoCodingFailure.message(for: error, side: .request))
        }
    }

    public init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: NexoCodingKey.self)
        let message = try root.nestedContainer(keyedBy: NexoCodingKey.self, forKey: .saleToPOIRequest)
        header = try message.decode(NexoMessageHeader.self, forKey: .messageHeader)
        let key = NexoCodingKey(header.messageCategory.rawValue + "Request")
        switch header.messageCategory {
        case .payment: body = .payment(try message.decode(NexoPaymentRequest.self, forKey: key))
        case .transactionStatus: body = .transactionStatus(try message.decode(NexoTransactionStatusRequest.self, forKey: key))
        case .abort: body = .abort(try message.decode(NexoAbortRequest.self, forKey: key))
        case .reversal: body = .reversal(try message.decode(NexoReversalRequest.self, forKey: key))
        case .login: body = .login(try message.decode(NexoLoginRequest.self, forKey: key))
        case .reconciliation: body = .reconciliation(try message.decode(NexoReconciliationRequest.self, forKey: key))
        case .diagnosis: body = .diagnosis(try message.decode(NexoDiagnosisRequest.self, forKey: key))
        case .display: body = .display(try message.decode(NexoDisplayRequest.self, forKey: key))
        default:
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: message.codingPath + [NexoCodingKey.messageHeader, NexoCodingKey("MessageCategory")],
                debugDescription: "this kiosk sends no \(header.messageCategory.rawValue) requests"
            ))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        guard header.messageCategory == body.messageCategory else {
            throw EncodingError.invalidValue(header, EncodingError.Context(
                codingPath: [NexoCodingKey.saleToPOIRequest, NexoCodingKey.messageHeader],
                debugDescription: "MessageCategory \(header.messageCategory.rawValue) does not match the \(body.key)"
            ))
        }
        guard header.messageType == .request else {
            throw EncodingError.invalidValue(header, EncodingError.Context(
                codingPath: [NexoCodingKey.saleToPOIRequest, NexoCodingKey.messageHeader],
                debugDescription: "MessageType is \(header.messageType.rawValue), not Request"
            ))
        }
        var root = encoder.container(keyedBy: NexoCodingKey.self)
        var message = root.nestedContainer(keyedBy: NexoCodingKey.self, forKey: .saleToPOIRequest)
        try message.encode(header, forKey: .messageHeader)
        let key = NexoCodingKey(body.key)
        switch body {
        case .payment(let request): try message.encode(request, forKey: key)
        case .transactionStatus(let request): try message.encode(request, forKey: key)
        case .abort(let request): try message.encode(request, forKey: key)
        case .reversal(let request): try message.encode(request, forKey: key)
        case .login(let request): try message.encode(request, forKey: key)
        case .reconciliation(let request): try message.encode(request, forKey: key)
        case .diagnosis(let request): try message.encode(request, forKey: key)
        case .display(let request): try message.encode(request, forKey: key)
        }
    }
}

/// A nexo response as the terminal sends it: `{"SaleToPOIResponse": {"MessageHeader": {…},
/// "<Category>Response": {…}}}`, the body chosen by the header's `MessageCategory`. Fields the
/// kiosk does not need are ignored.
///
/// An AbortRequest has no response here: the terminal answers it with HTTP 200 and an empty body
/// (see `NexoAbortRequest`). A terminal that cannot read a request may answer with an
/// `EventNotification` inside a `SaleToPOIRequest` instead; `init(jsonData:)` reports it as an error.
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/overview ,
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentresponsenexo .
public struct NexoResponse: Codable, Sendable, Equatable {
    public var header: NexoMessageHeader
    public var body: Body

    /// The response bodies this kiosk reads.
    public enum Body: Sendable, Equatable {
        case payment(NexoPaymentResponse)
        case transactionStatus(NexoTransactionStatusResponse)
        case reversal(NexoReversalResponse)
        case login(NexoLoginResponse)
        case reconciliation(NexoReconciliationResponse)
        case diagnosis(NexoDiagnosisResponse)
        case display(NexoDisplayResponse)

        public var messageCategory: NexoMessageHeader.MessageCategory {
            switch self {
            case .payment: .payment
            case .transactionStatus: .transactionStatus
            case .reversal: .reversal
            case .login: .login
            case .reconciliation: .reconciliation
            case .diagnosis: .diagnosis
            case .display: .display
            }
        }

        /// "PaymentResponse", "TransactionStatusResponse"…
        public var key: String { messageCategory.rawValue + "Response" }

        /// The body's `Response` (for Display, that of its only `OutputResult`; nil when there are
        /// several or none).
        public var result: NexoResult? {
            switch self {
            case .payment(let response): response.response
            case .transactionStatus(let response): response.response
            case .reversal(let response): response.response
            case .login(let response): response.response
            case .reconciliation(let response): response.response
            case .diagnosis(let response): response.response
            case .display(let response): response.outputResult.count == 1 ? response.outputResult[0].response : nil
            }
        }
    }

    public init(header: NexoMessageHeader, body: Body) {
        self.header = header
        self.body = body
    }

    /// Reads the terminal's answer, with an error that names the missing or invalid field, e.g.
    /// "the terminal's PaymentResponse has no Response.Result".
    public init(jsonData: Data) throws(NexoMessageError) {
        guard !jsonData.isEmpty else {
            throw NexoMessageError("the terminal's answer is empty (as it is, by design, for an AbortRequest)")
        }
        do {
            self = try JSONDecoder().decode(NexoResponse.self, from: jsonData)
        } catch {
            if let event = try? JSONDecoder().decode(NexoEventInstead.self, from: jsonData) {
                throw NexoMessageError(event.summary)
            }
            throw NexoMessageError(NexoCodingFailure.message(for: error, side: .terminal))
        }
    }

    /// The JSON of this response (for journals and tests).
    public func jsonData() throws(NexoMessageError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw NexoMessageError(NexoCodingFailure.message(for: error, side: .response))
        }
    }

    public init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: NexoCodingKey.self)
        let message = try root.nestedContainer(keyedBy: NexoCodingKey.self, forKey: .saleToPOIResponse)
        header = try message.decode(NexoMessageHeader.self, forKey: .messageHeader)
        let key = NexoCodingKey(header.messageCategory.rawValue + "Response")
        switch header.messageCategory {
        case .payment: body = .payment(try message.decode(NexoPaymentResponse.self, forKey: key))
        case .transactionStatus: body = .transactionStatus(try message.decode(NexoTransactionStatusResponse.self, forKey: key))
        case .reversal: body = .reversal(try message.decode(NexoReversalResponse.self, forKey: key))
        case .login: body = .login(try message.decode(NexoLoginResponse.self, forKey: key))
        case .reconciliation: body = .reconciliation(try message.decode(NexoReconciliationResponse.self, forKey: key))
        case .diagnosis: body = .diagnosis(try message.decode(NexoDiagnosisResponse.self, forKey: key))
        case .display: body = .display(try message.decode(NexoDisplayResponse.self, forKey: key))
        default:
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: message.codingPath + [NexoCodingKey.messageHeader, NexoCodingKey("MessageCategory")],
                debugDescription: "this kiosk reads no \(header.messageCategory.rawValue) responses"
            ))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: NexoCodingKey.self)
        var message = root.nestedContainer(keyedBy: NexoCodingKey.self, forKey: .saleToPOIResponse)
        try message.encode(header, forKey: .messageHeader)
        let key = NexoCodingKey(body.key)
        switch body {
        case .payment(let response): try message.encode(response, forKey: key)
        case .transactionStatus(let response): try message.encode(response, forKey: key)
        case .reversal(let response): try message.encode(response, forKey: key)
        case .login(let response): try message.encode(response, forKey: key)
        case .reconciliation(let response): try message.encode(response, forKey: key)
        case .diagnosis(let response): try message.encode(response, forKey: key)
        case .display(let response): try message.encode(response, forKey: key)
        }
    }
}

/// A key of the envelope ("SaleToPOIRequest", "MessageHeader", "PaymentResponse"…).
struct NexoCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ stringValue: String) {
        self.stringValue = stringValue
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }

    static let saleToPOIRequest = NexoCodingKey("SaleToPOIRequest")
    static let saleToPOIResponse = NexoCodingKey("SaleToPOIResponse")
    static let messageHeader = NexoCodingKey("MessageHeader")
}

/// What a terminal sends instead of a response when it rejects a request:
/// `{"SaleToPOIRequest": {"MessageHeader": {…Event…}, "EventNotification": {"EventToNotify": "Reject",
/// "EventDetails": "message=…"}}}` (adyen-java-api-library
/// `src/test/resources/mocks/terminal-api/payment-sync-error-empty.json`).
private struct NexoEventInstead: Decodable {
    var eventToNotify: String
    var eventDetails: String?

    enum CodingKeys: String, CodingKey {
        case eventToNotify = "EventToNotify"
        case eventDetails = "EventDetails"
    }

    init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: NexoCodingKey.self)
        let message = try root.nestedContainer(keyedBy: NexoCodingKey.self, forKey: .saleToPOIRequest)
        let event = try message.nestedContainer(keyedBy: CodingKeys.self, forKey: NexoCodingKey("EventNotification"))
        eventToNotify = try event.decode(String.self, forKey: .eventToNotify)
        eventDetails = try event.decodeIfPresent(String.self, forKey: .eventDetails)
    }

    var summary: String {
        var text = "the terminal answered with an EventNotification (\(eventToNotify)) instead of a response"
        if let message = eventDetails.map(NexoAdditionalResponse.urlEncodedFields)?["message"] { text += ": \(message)" }
        return text
    }
}

/// Turns a coding error into a sentence that names the field: "the terminal's PaymentResponse has
/// no Response.Result", "the terminal's PaymentResponse has an invalid
/// PaymentResult.AmountsResp.AuthorizedAmount: the amount 10.999 has more than 2 decimals".
enum NexoCodingFailure {
    enum Side {
        /// Reading the terminal's answer.
        case terminal
        /// Reading or writing a request.
        case request
        /// Writing a response.
        case response

        var subject: String {
            switch self {
            case .terminal: "the terminal's"
            case .request, .response: "the"
            }
        }

        var message: String {
            switch self {
            case .terminal: "response"
            case .request: "request"
            case .response: "response"
            }
        }
    }

    static func message(for error: any Error, side: Side) -> String {
        switch error {
        case let error as DecodingError:
            switch error {
            case .keyNotFound(let key, let context):
                return sentence(side, context.codingPath + [key], "has no", nil)
            case .valueNotFound(_, let context):
                return sentence(side, context.codingPath, "has a null", nil)
            case .typeMismatch(_, let context):
                return sentence(side, context.codingPath, "has an invalid", context.debugDescription)
            case .dataCorrupted(let context):
                if context.codingPath.isEmpty {
                    return side == .terminal
                        ? "the terminal's answer is not JSON: \(context.debugDescription)"
                        : "the \(side.message) is not JSON: \(context.debugDescription)"
                }
                return sentence(side, context.codingPath, "has an invalid", context.debugDescription)
            @unknown default:
                return "\(side.subject) \(side.message) cannot be read: \(error)"
            }
        case let error as EncodingError:
            switch error {
            case .invalidValue(_, let context):
                return "cannot write the \(side.message): \(path(context.codingPath)): \(context.debugDescription)"
            @unknown default:
                return "cannot write the \(side.message): \(error)"
            }
        case let error as NexoMessageError:
            return error.message
        default:
            return "\(side.subject) \(side.message) cannot be read: \(error)"
        }
    }

    /// "<subject> <Body> <verb> <field path>[: <detail>]", where Body is the first component after
    /// the envelope ("PaymentResponse"), or "response"/"request" when the field is the envelope's own.
    private static func sentence(_ side: Side, _ codingPath: [any CodingKey], _ verb: String, _ detail: String?) -> String {
        var components = codingPath
        let envelope = components.first?.stringValue
        if envelope == "SaleToPOIRequest" || envelope == "SaleToPOIResponse" { components.removeFirst() }
        let owner: String
        if let first = components.first?.stringValue, first.hasSuffix("Response") || first.hasSuffix("Request"), components.count > 1 {
            owner = first
            components.removeFirst()
        } else if components.isEmpty, let envelope {
            owner = side == .terminal ? "answer" : side.message
            components = [NexoCodingKey(envelope)]
        } else {
            owner = side.message
        }
        var text = "\(side.subject) \(owner) \(verb) \(path(components))"
        if let detail { text += ": \(detail)" }
        return text
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }
}
