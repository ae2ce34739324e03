/// nexo `DisplayRequest`: show something on the terminal's display (header `MessageClass` Device).
/// Adyen shows predefined screens (`OutputFormat` MessageRef, `PredefinedContent.ReferenceID`
/// e.g. "Idle"), text, or base64 XHTML.
///
/// Sources: https://docs.adyen.com/point-of-sale/shopper-engagement/display-data ,
/// https://docs.adyen.com/point-of-sale/shopper-engagement/display-data/idle-display/idle_0.json ,
/// https://docs.adyen.com/api-explorer/terminal-api/1/post/display .
public struct NexoDisplayRequest: Codable, Sendable, Equatable {
    /// At most one per `Device`/`InfoQualify` pair.
    public var displayOutput: [NexoDisplayOutput]

    public init(displayOutput: [NexoDisplayOutput]) {
        self.displayOutput = displayOutput
    }

    enum CodingKeys: String, CodingKey {
        case displayOutput = "DisplayOutput"
    }
}

/// nexo `DisplayOutput`.
public struct NexoDisplayOutput: Codable, Sendable, Equatable {
    public var device: NexoDevice
    public var infoQualify: NexoInfoQualify
    public var outputContent: NexoOutputContent
    /// Whether the terminal must answer with a DisplayResponse.
    public var responseRequiredFlag: Bool?
    /// Seconds.
    public var minimumDisplayTime: Int?

    public init(
        device: NexoDevice, infoQualify: NexoInfoQualify, outputContent: NexoOutputContent, responseRequiredFlag: Bool? = nil,
        minimumDisplayTime: Int? = nil
    ) {
        self.device = device
        self.infoQualify = infoQualify
        self.outputContent = outputContent
        self.responseRequiredFlag = responseRequiredFlag
        self.minimumDisplayTime = minimumDisplayTime
    }

    enum CodingKeys: String, CodingKey {
        case device = "Device"
        case infoQualify = "InfoQualify"
        case outputContent = "OutputContent"
        case responseRequiredFlag = "ResponseRequiredFlag"
        case minimumDisplayTime = "MinimumDisplayTime"
    }
}

/// nexo `OutputContent`.
public struct NexoOutputContent: Codable, Sendable, Equatable {
    public var outputFormat: NexoOutputFormat
    /// With `OutputFormat` MessageRef.
    public var predefinedContent: NexoPredefinedContent?
    /// With `OutputFormat` Text.
    public var outputText: [NexoOutputText]?
    /// With `OutputFormat` XHTML: base64 of the XHTML document.
    public var outputXHTML: String?

    public init(
        outputFormat: NexoOutputFormat, predefinedContent: NexoPredefinedContent? = nil, outputText: [NexoOutputText]? = nil,
        outputXHTML: String? = nil
    ) {
        self.outputFormat = outputFormat
        self.predefinedContent = predefinedContent
        self.outputText = outputText
        self.outputXHTML = outputXHTML
    }

    enum CodingKeys: String, CodingKey {
        case outputFormat = "OutputFormat"
        case predefinedContent = "PredefinedContent"
        case outputText = "OutputText"
        case outputXHTML = "OutputXHTML"
    }
}

/// nexo `PredefinedContent`.
public struct NexoPredefinedContent: Codable, Sendable, Equatable {
    /// e.g. "Idle", "GetText", "MenuButtons".
    public var referenceID: String
    public var language: String?

    public init(referenceID: String, language: String? = nil) {
        self.referenceID = referenceID
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case referenceID = "ReferenceID"
        case language = "Language"
    }
}

/// nexo `OutputText`: one line or run of text.
public struct NexoOutputText: Codable, Sendable, Equatable {
    public var text: String
    /// "Normal", "Bold", "Italic", "Underline".
    public var characterStyle: String?
    public var endOfLineFlag: Bool?

    public init(text: String, characterStyle: String? = nil, endOfLineFlag: Bool? = nil) {
        self.text = text
        self.characterStyle = characterStyle
        self.endOfLineFlag = endOfLineFlag
    }

    enum CodingKeys: String, CodingKey {
        case text = "Text"
        case characterStyle = "CharacterStyle"
        case endOfLineFlag = "EndOfLineFlag"
    }
}

/// nexo `Device` (logical device).
public enum NexoDevice: String, Codable, Sendable, CaseIterable {
    case cashierDisplay = "CashierDisplay"
    case cashierInput = "CashierInput"
    case customerDisplay = "CustomerDisplay"
    case customerInput = "CustomerInput"
}

/// nexo `InfoQualify`.
public enum NexoInfoQualify: String, Codable, Sendable, CaseIterable {
    case customerAssistance = "CustomerAssistance"
    case display = "Display"
    case document = "Document"
    case error = "Error"
    case input = "Input"
    case poiReplication = "POIReplication"
    case receipt = "Receipt"
    case sound = "Sound"
    case status = "Status"
    case voucher = "Voucher"
}

/// nexo `OutputFormat`.
public enum NexoOutputFormat: String, Codable, Sendable, CaseIterable {
    case barCode = "BarCode"
    case messageRef = "MessageRef"
    case text = "Text"
    case xhtml = "XHTML"
}

/// nexo `DisplayResponse`: one `OutputResult` per `DisplayOutput` of the request, in order.
///
/// Source: https://docs.adyen.com/point-of-sale/shopper-engagement/display-data/displayresponsenexo .
public struct NexoDisplayResponse: Codable, Sendable, Equatable {
    public var outputResult: [NexoOutputResult]

    public init(outputResult: [NexoOutputResult]) {
        self.outputResult = outputResult
    }

    enum CodingKeys: String, CodingKey {
        case outputResult = "OutputResult"
    }
}

/// nexo `OutputResult`.
public struct NexoOutputResult: Codable, Sendable, Equatable {
    public var device: NexoDevice?
    public var infoQualify: NexoInfoQualify?
    public var response: NexoResult

    public init(device: NexoDevice? = nil, infoQualify: NexoInfoQualify? = nil, response: NexoResult) {
        self.device = device
        self.infoQualify = infoQualify
        self.response = response
    }

    enum CodingKeys: String, CodingKey {
        case device = "Device"
        case infoQualify = "InfoQualify"
        case response = "Response"
    }
}
