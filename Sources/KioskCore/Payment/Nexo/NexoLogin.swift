/// nexo `LoginRequest`: opens a session between the sale system and the terminal (needed before
/// Reconciliation; also names the operator and the totals group).
///
/// Sources: https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out ,
/// https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out/loginrequestnexo ,
/// https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out/log-in-and-log-out_0.json ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/login .
public struct NexoLoginRequest: Codable, Sendable, Equatable {
    /// The sale system's date and time, ISO 8601 (`NexoTimeStamp.string(from:timeZone:)`).
    public var dateTime: String
    public var saleSoftware: NexoSaleSoftware
    public var saleTerminalData: NexoSaleTerminalData?
    public var trainingModeFlag: Bool?
    /// ISO 639-1, e.g. "en", "zh" (required by the schema, ignored by Adyen's terminals).
    public var operatorLanguage: String
    public var operatorID: String?
    public var shiftNumber: String?
    /// The `POISerialNumber` of the previous login's response, absent on the first.
    public var poiSerialNumber: String?

    public init(
        dateTime: String, saleSoftware: NexoSaleSoftware, saleTerminalData: NexoSaleTerminalData? = nil, trainingModeFlag: Bool? = nil,
        operatorLanguage: String, operatorID: String? = nil, shiftNumber: String? = nil, poiSerialNumber: String? = nil
    ) {
        self.dateTime = dateTime
        self.saleSoftware = saleSoftware
        self.saleTerminalData = saleTerminalData
        self.trainingModeFlag = trainingModeFlag
        self.operatorLanguage = operatorLanguage
        self.operatorID = operatorID
        self.shiftNumber = shiftNumber
        self.poiSerialNumber = poiSerialNumber
    }

    enum CodingKeys: String, CodingKey {
        case dateTime = "DateTime"
        case saleSoftware = "SaleSoftware"
        case saleTerminalData = "SaleTerminalData"
        case trainingModeFlag = "TrainingModeFlag"
        case operatorLanguage = "OperatorLanguage"
        case operatorID = "OperatorID"
        case shiftNumber = "ShiftNumber"
        case poiSerialNumber = "POISerialNumber"
    }
}

/// nexo `SaleSoftware`: the sale system's software (all four fields required; Adyen ignores
/// `CertificationCode`, which may be "").
public struct NexoSaleSoftware: Codable, Sendable, Equatable {
    public var manufacturerID: String
    public var applicationName: String
    public var softwareVersion: String
    public var certificationCode: String

    public init(manufacturerID: String, applicationName: String, softwareVersion: String, certificationCode: String = "") {
        self.manufacturerID = manufacturerID
        self.applicationName = applicationName
        self.softwareVersion = softwareVersion
        self.certificationCode = certificationCode
    }

    enum CodingKeys: String, CodingKey {
        case manufacturerID = "ManufacturerID"
        case applicationName = "ApplicationName"
        case softwareVersion = "SoftwareVersion"
        case certificationCode = "CertificationCode"
    }
}

/// nexo `SaleTerminalData`.
public struct NexoSaleTerminalData: Codable, Sendable, Equatable {
    /// Groups transactions for totals and reconciliation.
    public var totalsGroupID: String?
    /// "Attended", "SemiAttended" or "Unattended" (a kiosk).
    public var terminalEnvironment: String?
    /// nexo `SaleCapabilities`: "CashierDisplay", "CustomerDisplay", "PrinterReceipt"…
    public var saleCapabilities: [String]?

    public init(totalsGroupID: String? = nil, terminalEnvironment: String? = nil, saleCapabilities: [String]? = nil) {
        self.totalsGroupID = totalsGroupID
        self.terminalEnvironment = terminalEnvironment
        self.saleCapabilities = saleCapabilities
    }

    enum CodingKeys: String, CodingKey {
        case totalsGroupID = "TotalsGroupID"
        case terminalEnvironment = "TerminalEnvironment"
        case saleCapabilities = "SaleCapabilities"
    }
}

/// nexo `LoginResponse`.
///
/// Sources: https://docs.adyen.com/point-of-sale/reconciling-totals/log-in-and-log-out/loginresponsenexo ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/login (responses).
public struct NexoLoginResponse: Codable, Sendable, Equatable {
    public var response: NexoResult
    /// Present when `Response.Result` is Success.
    public var poiSystemData: NexoPOISystemData?

    public init(response: NexoResult, poiSystemData: NexoPOISystemData? = nil) {
        self.response = response
        self.poiSystemData = poiSystemData
    }

    enum CodingKeys: String, CodingKey {
        case response = "Response"
        case poiSystemData = "POISystemData"
    }
}

/// nexo `POISystemData` of a login response.
public struct NexoPOISystemData: Codable, Sendable, Equatable {
    /// The terminal's date and time, as received.
    public var dateTime: String?
    public var poiSoftware: NexoPOISoftware?
    public var poiStatus: NexoPOIStatus?

    public init(dateTime: String? = nil, poiSoftware: NexoPOISoftware? = nil, poiStatus: NexoPOIStatus? = nil) {
        self.dateTime = dateTime
        self.poiSoftware = poiSoftware
        self.poiStatus = poiStatus
    }

    enum CodingKeys: String, CodingKey {
        case dateTime = "DateTime"
        case poiSoftware = "POISoftware"
        case poiStatus = "POIStatus"
    }
}

/// nexo `POISoftware`: the terminal's software (read leniently: every field optional).
public struct NexoPOISoftware: Codable, Sendable, Equatable {
    public var manufacturerID: String?
    public var applicationName: String?
    public var softwareVersion: String?
    public var certificationCode: String?

    public init(manufacturerID: String? = nil, applicationName: String? = nil, softwareVersion: String? = nil, certificationCode: String? = nil) {
        self.manufacturerID = manufacturerID
        self.applicationName = applicationName
        self.softwareVersion = softwareVersion
        self.certificationCode = certificationCode
    }

    enum CodingKeys: String, CodingKey {
        case manufacturerID = "ManufacturerID"
        case applicationName = "ApplicationName"
        case softwareVersion = "SoftwareVersion"
        case certificationCode = "CertificationCode"
    }
}
