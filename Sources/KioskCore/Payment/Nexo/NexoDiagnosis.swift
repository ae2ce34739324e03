/// nexo `DiagnosisRequest`: is the terminal up, and (with `HostDiagnosisFlag`) can it reach the
/// acquirer?
///
/// Sources: https://docs.adyen.com/point-of-sale/diagnostics/request-diagnosis ,
/// https://docs.adyen.com/point-of-sale/diagnostics/request-diagnosis/diagnosis_1.json ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/diagnosis .
public struct NexoDiagnosisRequest: Codable, Sendable, Equatable {
    /// true: include the Adyen backend's availability (`HostStatus`) in the response.
    public var hostDiagnosisFlag: Bool?
    /// Default: the header's `POIID`.
    public var poiID: String?

    public init(hostDiagnosisFlag: Bool? = nil, poiID: String? = nil) {
        self.hostDiagnosisFlag = hostDiagnosisFlag
        self.poiID = poiID
    }

    enum CodingKeys: String, CodingKey {
        case hostDiagnosisFlag = "HostDiagnosisFlag"
        case poiID = "POIID"
    }
}

/// nexo `DiagnosisResponse`. Adyen puts terminal facts in `Response.AdditionalResponse`
/// (batteryLevel, firmwareVersion, unconfirmedBatchCount…).
///
/// Sources: https://docs.adyen.com/point-of-sale/diagnostics/request-diagnosis/diagnosisresponsenexo ,
/// https://docs.adyen.com/point-of-sale/diagnostics/request-diagnosis/diagnosis_1_response.json .
public struct NexoDiagnosisResponse: Codable, Sendable, Equatable {
    public var response: NexoResult
    /// Present when `Response.Result` is Success.
    public var poiStatus: NexoPOIStatus?
    public var hostStatus: [NexoHostStatus]?
    public var loggedSaleID: [String]?

    public init(response: NexoResult, poiStatus: NexoPOIStatus? = nil, hostStatus: [NexoHostStatus]? = nil, loggedSaleID: [String]? = nil) {
        self.response = response
        self.poiStatus = poiStatus
        self.hostStatus = hostStatus
        self.loggedSaleID = loggedSaleID
    }

    enum CodingKeys: String, CodingKey {
        case response = "Response"
        case poiStatus = "POIStatus"
        case hostStatus = "HostStatus"
        case loggedSaleID = "LoggedSaleID"
    }
}

/// nexo `POIStatus` (in Diagnosis and Login responses).
public struct NexoPOIStatus: Codable, Sendable, Equatable {
    /// "OK", "Busy", "Maintenance" or "Unreachable" (kept as received).
    public var globalStatus: String
    public var communicationOKFlag: Bool?
    /// "OK", "PaperLow", "NoPaper", "PaperJam", "OutOfOrder".
    public var printerStatus: String?
    public var pedOKFlag: Bool?
    public var cardReaderOKFlag: Bool?

    public init(
        globalStatus: String, communicationOKFlag: Bool? = nil, printerStatus: String? = nil, pedOKFlag: Bool? = nil,
        cardReaderOKFlag: Bool? = nil
    ) {
        self.globalStatus = globalStatus
        self.communicationOKFlag = communicationOKFlag
        self.printerStatus = printerStatus
        self.pedOKFlag = pedOKFlag
        self.cardReaderOKFlag = cardReaderOKFlag
    }

    /// `GlobalStatus` is "OK".
    public var isOK: Bool { globalStatus == "OK" }

    enum CodingKeys: String, CodingKey {
        case globalStatus = "GlobalStatus"
        case communicationOKFlag = "CommunicationOKFlag"
        case printerStatus = "PrinterStatus"
        case pedOKFlag = "PEDOKFlag"
        case cardReaderOKFlag = "CardReaderOKFlag"
    }
}

/// nexo `HostStatus`: whether an acquirer host is reachable. `AcquirerID` is a string in Adyen's
/// example (`"0"`) and an integer in its OpenAPI schema; both are read, kept as text.
public struct NexoHostStatus: Codable, Sendable, Equatable {
    public var acquirerID: String
    public var isReachableFlag: Bool?

    public init(acquirerID: String, isReachableFlag: Bool? = nil) {
        self.acquirerID = acquirerID
        self.isReachableFlag = isReachableFlag
    }

    enum CodingKeys: String, CodingKey {
        case acquirerID = "AcquirerID"
        case isReachableFlag = "IsReachableFlag"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let acquirerID = try container.decodeDigitsIfPresent(forKey: .acquirerID) else {
            throw DecodingError.keyNotFound(
                CodingKeys.acquirerID, DecodingError.Context(codingPath: container.codingPath, debugDescription: "no AcquirerID")
            )
        }
        self.acquirerID = acquirerID
        isReachableFlag = try container.decodeIfPresent(Bool.self, forKey: .isReachableFlag)
    }
}
