/// A barcode scanner model of the device database (`Devices/scanners/*.toml`).
public struct ScannerModel: Sendable, Equatable {
    public var id: String
    public var name: String
    public var vendorID: UInt16
    public var productID: UInt16
    /// The mode the scanner is set to: keyboard unless the file says hid-pos.
    public var mode: ScannerMode
    /// The USB interface that carries the scanner's reports.
    public var interfaceNumber: Int
    /// Where the HID POS reports keep length, symbology, data and the continuation flag (`[hid_pos]`).
    public var hidPOS: HIDPOSReportLayout
    /// SET_REPORT(Feature) payload, report ID first, sent after claiming the interface (e.g. to enter HID POS mode).
    public var initFeatureReport: [UInt8]?
    /// In keyboard mode, a pause longer than this drops a partial code.
    public var interKeyTimeout: Duration

    public init(
        id: String, name: String, vendorID: UInt16, productID: UInt16, mode: ScannerMode = .keyboard, interfaceNumber: Int = 0,
        hidPOS: HIDPOSReportLayout = .standard, initFeatureReport: [UInt8]? = nil, interKeyTimeout: Duration = standardInterKeyTimeout
    ) {
        self.id = id
        self.name = name
        self.vendorID = vendorID
        self.productID = productID
        self.mode = mode
        self.interfaceNumber = interfaceNumber
        self.hidPOS = hidPOS
        self.initFeatureReport = initFeatureReport
        self.interKeyTimeout = interKeyTimeout
    }

    /// A configured VID:PID the database has no file for: standard values, mode detected on attach.
    public init(unprofiledVendorID vendorID: UInt16, productID: UInt16) {
        id = "unprofiled-" + USBID.format(vendor: vendorID, product: productID).replacingOccurrences(of: ":", with: "-")
        name = "Unprofiled scanner"
        self.vendorID = vendorID
        self.productID = productID
        mode = .keyboard
        interfaceNumber = 0
        hidPOS = .standard
        initFeatureReport = nil
        interKeyTimeout = Self.standardInterKeyTimeout
    }

    /// What keyboard mode waits between two keys of one code when the model's file does not say.
    public static let standardInterKeyTimeout = Duration.milliseconds(100)
}
