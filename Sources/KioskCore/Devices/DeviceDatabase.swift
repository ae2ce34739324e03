import Foundation
import TOMLKit

/// The hardware database: one TOML file per supported model under `readers/`, `scanners/`
/// and `printers/` of the configured directory (the repository's `Devices/`).
public struct DeviceDatabase: Sendable, Equatable {
    public var readers: [ReaderModel]
    public var scanners: [ScannerModel]
    public var printers: [PrinterModel]

    public init(readers: [ReaderModel] = [], scanners: [ScannerModel] = [], printers: [PrinterModel] = []) {
        self.readers = readers
        self.scanners = scanners
        self.printers = printers
    }

    /// The patterns `auto` accepts for `role`: a virtual reader's are left out (review M9).
    public func readerPatterns(for role: DeviceRole) -> [String] {
        readers.filter { $0.roles.contains(role) && !$0.isVirtual }.flatMap(\.namePatterns)
    }

    /// Loads every model file; a broken file is an error naming the file and key.
    public static func load(directory: String) throws(KioskError) -> DeviceDatabase {
        var database = DeviceDatabase()
        database.readers = try loadModels(directory, "readers", ReaderModel.init(id:profile:))
        database.scanners = try loadModels(directory, "scanners", ScannerModel.init(id:profile:))
        database.printers = try loadModels(directory, "printers", PrinterModel.init(id:profile:))
        return database
    }

    private static func loadModels<Model>(
        _ directory: String, _ kind: String, _ make: (String, DeviceProfileReader) throws(KioskError) -> Model
    ) throws(KioskError) -> [Model] {
        let folder = (directory as NSString).appendingPathComponent(kind)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }.sorted()
        } catch {
            throw KioskError(.devicesDatabaseInvalid, "cannot list \(folder): \(error.localizedDescription)")
        }
        var models: [Model] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw KioskError(.devicesDatabaseInvalid, "cannot read \(path): \(error.localizedDescription)")
            }
            let reader = try DeviceProfileReader(text: text, path: path)
            models.append(try make(String(name.dropLast(".toml".count)), reader))
        }
        return models
    }
}

public struct ReaderModel: Sendable, Equatable {
    public var id: String
    public var name: String
    public var roles: [DeviceRole]
    /// PC/SC reader-name patterns (`*`, `?`) that identify this model.
    public var namePatterns: [String]
    /// How it reads social security cards (`[ssc]`); nil unless its roles include ssc.
    public var ssc: SSCReadProfile?
    /// How it tunnels GA 467 to the ID-card SAM (`[idcard]`); nil unless its roles include idcard.
    public var idcard: IDCardTunnelProfile?
    /// A reader whose "cards" come from software (`virtual = true`, vsmartcard's vpcd: any process
    /// that reaches its TCP port presents any card it likes). `auto` never takes it; a kiosk uses it
    /// only when kiosk.conf names it in `ssc_reader` / `idcard_reader`.
    public var isVirtual: Bool

    init(id: String, profile: DeviceProfileReader) throws(KioskError) {
        self.id = id
        self.name = try profile.string("name")
        self.roles = try profile.strings("roles").map { (text) throws(KioskError) -> DeviceRole in
            switch text {
            case "ssc": return .sscReader
            case "idcard": return .idcardReader
            default: throw profile.problem("roles", "\"\(text)\" is not ssc or idcard")
            }
        }
        self.namePatterns = try profile.strings("name_patterns")
        self.ssc = try SSCReadProfile.load(from: profile, servesSSC: roles.contains(.sscReader))
        self.idcard = try IDCardTunnelProfile.load(from: profile, servesIDCard: roles.contains(.idcardReader))
        self.isVirtual = try profile.optionalBool("virtual") ?? false
    }
}

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

    init(id: String, profile: DeviceProfileReader) throws(KioskError) {
        try Self.rejectUnknownKeys(profile)
        self.id = id
        self.name = try profile.string("name")
        self.vendorID = try profile.hex16("vendor_id")
        self.productID = try profile.hex16("product_id")
        self.mode = try Self.loadMode(profile)
        self.interfaceNumber = try Self.loadInterfaceNumber(profile)
        (self.hidPOS, self.initFeatureReport) = try Self.loadHIDPOS(profile, mode: mode)
        self.interKeyTimeout = try Self.loadInterKeyTimeout(profile, mode: mode)
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
}

public struct PrinterModel: Sendable, Equatable {
    public var id: String
    public var name: String
    public var paperWidthMillimetres: Int
    /// The width the head reaches (72 mm of 80, 48 mm of 58); `printable_width_mm`, defaulted for those two papers.
    public var printableWidthMillimetres: Int
    public var dotsPerInch: Int
    /// `format = "pdf" | "escpos"`; pdf unless the file says otherwise.
    public var format: ReceiptFormat

    public init(
        id: String, name: String, paperWidthMillimetres: Int, printableWidthMillimetres: Int, dotsPerInch: Int, format: ReceiptFormat = .pdf
    ) {
        self.id = id
        self.name = name
        self.paperWidthMillimetres = paperWidthMillimetres
        self.printableWidthMillimetres = printableWidthMillimetres
        self.dotsPerInch = dotsPerInch
        self.format = format
    }

    /// Dots across the printable width, in whole bytes: 576 at 72 mm and 384 at 48 mm. "203 dpi" heads
    /// are 8 dots/mm, so mm × dpi / 25.4 (575.4, 383.6) is rounded to the nearest multiple of 8.
    public var printableDots: Int {
        let dots = Double(printableWidthMillimetres) * Double(dotsPerInch) / 25.4
        return Int((dots / 8).rounded()) * 8
    }

    init(id: String, profile: DeviceProfileReader) throws(KioskError) {
        try Self.rejectUnknownKeys(profile)
        self.id = id
        self.name = try profile.string("name")
        self.paperWidthMillimetres = try Self.loadPaperWidth(profile)
        self.dotsPerInch = try Self.loadDotsPerInch(profile)
        self.printableWidthMillimetres = try Self.loadPrintableWidth(profile, paperWidth: paperWidthMillimetres)
        self.format = try Self.loadFormat(profile)
    }
}

/// Typed access to one model file's top-level keys, with errors that name the file and key.
struct DeviceProfileReader {
    let table: TOMLTable
    let path: String

    init(text: String, path: String) throws(KioskError) {
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw KioskError(.devicesDatabaseInvalid, "\(path): invalid TOML at line \(error.source.begin.line): \(error.description)")
        } catch {
            throw KioskError(.devicesDatabaseInvalid, "\(path): invalid TOML: \(error)")
        }
        self.path = path
    }

    func problem(_ key: String, _ message: String) -> KioskError {
        KioskError(.devicesDatabaseInvalid, "\(path): \(key): \(message)")
    }

    func string(_ key: String) throws(KioskError) -> String {
        guard let value = table[key]?.string else { throw problem(key, "expected a string") }
        return value
    }

    func optionalBool(_ key: String) throws(KioskError) -> Bool? {
        guard let node = table[key] else { return nil }
        guard node.type == .bool, let value = node.bool else { throw problem(key, "expected true or false") }
        return value
    }

    func int(_ key: String) throws(KioskError) -> Int {
        guard let node = table[key], node.type == .int, let value = node.int else { throw problem(key, "expected an integer") }
        return value
    }

    func strings(_ key: String) throws(KioskError) -> [String] {
        guard let array = table[key]?.array else { throw problem(key, "expected a list of strings") }
        var values: [String] = []
        for element in array {
            guard let value = element.string else { throw problem(key, "expected a list of strings") }
            values.append(value)
        }
        return values
    }

    func hex16(_ key: String) throws(KioskError) -> UInt16 {
        let text = try string(key)
        guard text.count == 4, let value = UInt16(text, radix: 16) else { throw problem(key, "\"\(text)\" is not 4 hex digits") }
        return value
    }
}
