/// The `MessageHeader` every nexo Retailer message carries, in the JSON dialect the Adyen Terminal
/// API documents (field names exactly as there). A response echoes the request's header except for
/// `MessageType`.
///
/// Sources: nexo Retailer Protocol v3 (ISO 20022 "casp"); Adyen Terminal API overview,
/// https://docs.adyen.com/api-explorer/terminal-api/1/overview , and its field tables, e.g.
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentrequestnexo .
public struct NexoMessageHeader: Codable, Sendable, Equatable {
    public enum MessageClass: String, Codable, Sendable {
        case service = "Service"
        case device = "Device"
        case event = "Event"
    }

    /// Every category nexo Retailer defines (Adyen's `MessageCategoryType`).
    public enum MessageCategory: String, Codable, Sendable, CaseIterable {
        case abort = "Abort", admin = "Admin", balanceInquiry = "BalanceInquiry", batch = "Batch"
        case cardAcquisition = "CardAcquisition", cardReaderAPDU = "CardReaderAPDU", cardReaderInit = "CardReaderInit"
        case cardReaderPowerOff = "CardReaderPowerOff", diagnosis = "Diagnosis", display = "Display"
        case enableService = "EnableService", event = "Event", getTotals = "GetTotals", input = "Input", inputUpdate = "InputUpdate"
        case login = "Login", logout = "Logout", loyalty = "Loyalty", payment = "Payment", pin = "PIN", print = "Print"
        case reconciliation = "Reconciliation", reversal = "Reversal", sound = "Sound", storedValue = "StoredValue"
        case transactionStatus = "TransactionStatus", transmit = "Transmit"
    }

    public enum MessageType: String, Codable, Sendable {
        case request = "Request"
        case response = "Response"
        case notification = "Notification"
    }

    /// "3.0"; required for Login and Diagnosis, and for every message of a sale system that does
    /// not log in first (as this one sends it always).
    public var protocolVersion: String?
    public var messageClass: MessageClass
    public var messageCategory: MessageCategory
    public var messageType: MessageType
    /// Identifies a request and its response: 1–10 alphanumeric characters, unique per terminal
    /// for 48 hours (https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out).
    public var serviceID: String?
    public var deviceID: String?
    public var saleID: String
    public var poiID: String

    public init(protocolVersion: String? = "3.0", messageClass: MessageClass = .service, messageCategory: MessageCategory,
                messageType: MessageType = .request, serviceID: String?, deviceID: String? = nil, saleID: String, poiID: String) {
        self.protocolVersion = protocolVersion
        self.messageClass = messageClass
        self.messageCategory = messageCategory
        self.messageType = messageType
        self.serviceID = serviceID
        self.deviceID = deviceID
        self.saleID = saleID
        self.poiID = poiID
    }

    enum CodingKeys: String, CodingKey {
        case protocolVersion = "ProtocolVersion"
        case messageClass = "MessageClass"
        case messageCategory = "MessageCategory"
        case messageType = "MessageType"
        case serviceID = "ServiceID"
        case deviceID = "DeviceID"
        case saleID = "SaleID"
        case poiID = "POIID"
    }

    /// Whether `id` is a valid ServiceID: 1–10 ASCII letters and digits.
    public static func isValidServiceID(_ id: String) -> Bool {
        (1...10).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
