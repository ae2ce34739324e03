import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("scanner profiles: mode, interface, [hid_pos] and timeouts of Devices/scanners")
struct ScannerProfileLoadingTests {
    static let header = """
        name = "Test scanner"
        vendor_id = "0c2e"
        product_id = "0b87"

        """

    /// A device database with one scanner file `test.toml`.
    func load(_ text: String) throws -> Result<ScannerModel?, KioskError> {
        let directory = try TemporaryDirectory(prefix: "scanners")
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        for folder in ["readers", "scanners", "printers"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        try directory.write("scanners/test.toml", text)
        do throws(KioskError) {
            return .success(try DeviceDatabase.load(directory: directory.path).scanners.first)
        } catch {
            return .failure(error)
        }
    }

    @Test("the repository's scanners: the FM430 as a keyboard, the Voyager in HID POS with its init report")
    func repository() throws {
        let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        let newland = try #require(database.scanners.first { $0.id == "newland-fm430" })
        #expect(newland.mode == .keyboard)
        #expect(newland.interKeyTimeout == .milliseconds(100))
        #expect(newland.initFeatureReport == nil)
        let honeywell = try #require(database.scanners.first { $0.id == "honeywell-hidpos" })
        #expect(honeywell.name == "Honeywell Voyager 1470g (HID POS)")
        #expect((honeywell.vendorID, honeywell.productID) == (0x0C2E, 0x0B87))
        #expect(honeywell.mode == .hidPOS)
        #expect(honeywell.interfaceNumber == 0)
        #expect(honeywell.hidPOS == .standard)
        #expect(honeywell.initFeatureReport == [0xFE, 0x01])
    }

    @Test("missing keys take the standard values: keyboard mode, interface 0, 100 ms")
    func defaults() throws {
        let model = try #require(try load(Self.header).get())
        #expect(model.mode == .keyboard)
        #expect(model.interfaceNumber == 0)
        #expect(model.hidPOS == .standard)
        #expect(model.initFeatureReport == nil)
        #expect(model.interKeyTimeout == .milliseconds(100))
        let hidPOS = try #require(try load(Self.header + "mode = \"hid-pos\"\n").get())
        #expect(hidPOS.mode == .hidPOS)
        #expect(hidPOS.hidPOS == .standard)
    }

    @Test("every key read")
    func everyKey() throws {
        let model = try load(Self.header + """
            mode = "hid-pos"
            interface = 1
            [hid_pos]
            report_id = "none"
            length_offset = 3
            symbology_offset = 0
            data_offset = 4
            continuation_offset = "none"
            init_feature_report = "fd 03 16 4d"
            """).get()
        #expect(model?.interfaceNumber == 1)
        #expect(model?.hidPOS == HIDPOSReportLayout(reportID: nil, lengthOffset: 3, symbologyOffset: 0, dataOffset: 4, continuationOffset: nil))
        #expect(model?.initFeatureReport == [0xFD, 0x03, 0x16, 0x4D])
        let keyboard = try load(Self.header + "mode = \"keyboard\"\ninter_key_timeout_ms = 2000\n").get()
        #expect(keyboard?.interKeyTimeout == .seconds(2))
        let other = try load(Self.header + "mode = \"hid-pos\"\n[hid_pos]\nreport_id = \"0A\"\ncontinuation_offset = 63\n").get()
        #expect(other?.hidPOS == HIDPOSReportLayout(reportID: 0x0A, continuationOffset: 63))
    }

    @Test("bad values name the file and key", arguments: [
        ("mode = \"hidpos\"", "mode: \"hidpos\" is not hid-pos or keyboard"),
        ("mode = 1", "mode: is an integer, expected a string"),
        ("interface = 256", "interface: 256 is not a USB interface number 0–255"),
        ("interface = \"0\"", "interface: is a string, expected an integer"),
        ("inter_key_timeout_ms = 10", "inter_key_timeout_ms: 10 is not 20–2000 milliseconds"),
        ("inter_key_timeout_ms = 5000", "inter_key_timeout_ms: 5000 is not 20–2000 milliseconds"),
        ("inter_key_timeout_ms = 1.5", "inter_key_timeout_ms: is a floating-point number, expected an integer"),
        ("mode = \"hid-pos\"\ninter_key_timeout_ms = 100", "inter_key_timeout_ms: the model's mode is hid-pos, so it is never used"),
        ("[hid_pos]\nreport_id = \"02\"", "hid_pos: the model's mode is keyboard, so a [hid_pos] table is never used"),
        ("mode = \"hid-pos\"\n[hid_pos]\ninit_feature_report = \"FE0\"", "hid_pos.init_feature_report: \"FE0\" is not 2–64 bytes of hex"),
        ("mode = \"hid-pos\"\n[hid_pos]\ninit_feature_report = \"FG 01\"", "hid_pos.init_feature_report: \"FG 01\" is not 2–64 bytes of hex"),
        ("mode = \"hid-pos\"\n[hid_pos]\ninit_feature_report = \"FE\"", "hid_pos.init_feature_report: \"FE\" is not 2–64 bytes of hex"),
        ("mode = \"hid-pos\"\n[hid_pos]\nreport_id = \"2\"", "hid_pos.report_id: \"2\" is not 2 hex digits or \"none\""),
        ("mode = \"hid-pos\"\n[hid_pos]\nreport_id = \"+2\"", "hid_pos.report_id: \"+2\" is not 2 hex digits or \"none\""),
        ("mode = \"hid-pos\"\n[hid_pos]\nreport_id = 2", "hid_pos.report_id: is an integer, expected a string"),
        ("mode = \"hid-pos\"\n[hid_pos]\nlength_offset = -1", "hid_pos.length_offset: -1 is out of range 0…255"),
        ("mode = \"hid-pos\"\n[hid_pos]\ncontinuation_offset = \"last\"", "hid_pos.continuation_offset: \"last\" is not an integer 0–255 or \"none\""),
        ("mode = \"hid-pos\"\n[hid_pos]\ncontinuation_offset = 300", "hid_pos.continuation_offset: 300 is out of range 0…255"),
        ("mode = \"hid-pos\"\n[hid_pos]\ndata_offset = 2", "hid_pos.data_offset: 2 puts the first data byte on the symbology bytes (symbology_offset = 1)"),
        ("mode = \"hid-pos\"\n[hid_pos]\nsymbology_offset = 0", "hid_pos.symbology_offset: 0 puts the symbology bytes on the length byte (length_offset = 0)"),
        ("mode = \"hid-pos\"\n[hid_pos]\ncontinuation_offset = 4", "hid_pos.continuation_offset: 4 puts the continuation flag on the first data byte (data_offset = 4)"),
        ("mode = \"hid-pos\"\n[hid_pos]\nreport = \"02\"", "hid_pos.report: is not a known key here"),
        ("mode = \"hid-pos\"\nhid_pos = 1", "hid_pos: is an integer, expected a table [hid_pos]"),
        ("timeout_ms = 100", "timeout_ms: is not a known key here"),
        // The misspelling is named, not what its absence causes (a keyboard-mode model with [hid_pos]).
        ("mdoe = \"hid-pos\"\n[hid_pos]\nreport_id = \"02\"", "mdoe: is not a known key here"),
    ])
    func invalid(line: String, message: String) throws {
        let result = try load(Self.header + line + "\n")
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error.code == .devicesDatabaseInvalid)
        #expect(error.message.contains(#/scanners/test\.toml:\d+: /#) && error.message.contains(message), "\(error.message)")
    }

    @Test("every problem of every model file at once, each with its file, line and key; a misspelt key alone, not what it causes")
    func everyProblem() throws {
        let directory = try TemporaryDirectory(prefix: "devices")
        defer { directory.remove() }
        for folder in ["readers", "scanners", "printers"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        try directory.write("scanners/a.toml", "name = \"A\"\nvendor_id = \"0c2\"\nmode = \"serial\"\ninterface = 300\n")
        try directory.write("scanners/b.toml", Self.header + "mdoe = \"hid-pos\"\n[hid_pos]\nreport_id = \"02\"\n")
        try directory.write("printers/p.toml", "name = \"P\"\npaper_width_mm = 76\ndpi = 50\n")
        do {
            _ = try DeviceDatabase.load(directory: directory.path)
            Issue.record("a broken device database loaded")
        } catch {
            let lines = error.message.split(separator: "\n").map(String.init)
            #expect(lines.first == "device database \(directory.path): 7 problems", "\(error.message)")
            for (file, problem) in [
                ("scanners/a.toml:2", "vendor_id: \"0c2\" is not 4 hex digits"),
                ("scanners/a.toml", "product_id: is missing"),
                ("scanners/a.toml:3", "mode: \"serial\" is not hid-pos or keyboard"),
                ("scanners/a.toml:4", "interface: 300 is not a USB interface number 0–255"),
                ("scanners/b.toml:4", "mdoe: is not a known key here"),
                ("printers/p.toml", "printable_width_mm: required for 76 mm paper"),
                ("printers/p.toml:3", "dpi: 50 is not 100…600"),
            ] {
                #expect(lines.contains { $0.contains(file) && $0.contains(problem) }, "\(file) \(problem) in:\n\(error.message)")
            }
            #expect(!error.message.contains("table is never used"), "what the misspelling causes is not reported: \(error.message)")
        }
    }

    @Test("a VID:PID without a profile gets the standard values")
    func unprofiled() {
        let model = ScannerModel(unprofiledVendorID: 0x05E0, productID: 0x1200)
        #expect(model.id == "unprofiled-05e0-1200")
        #expect((model.vendorID, model.productID) == (0x05E0, 0x1200))
        #expect(model.hidPOS == .standard)
        #expect(model.initFeatureReport == nil)
        #expect(model.interKeyTimeout == .milliseconds(100))
    }
}
