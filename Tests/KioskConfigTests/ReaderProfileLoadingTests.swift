import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("reader profiles: the [ssc] and [idcard] tables of Devices/readers")
struct ReaderProfileLoadingTests {
    static let header = """
        name = "Test reader"
        name_patterns = ["Test*"]

        """

    /// A device database with one reader file `test.toml`.
    func load(_ text: String) throws -> Result<ReaderModel?, KioskError> {
        let directory = try TemporaryDirectory(prefix: "readers")
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        for folder in ["readers", "scanners", "printers"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        try directory.write("readers/test.toml", text)
        do throws(KioskError) {
            return .success(try DeviceDatabase.load(directory: directory.path).readers.first)
        } catch {
            return .failure(error)
        }
    }

    @Test("the repository's readers: ACR39U reads SSCs only, vpcd both, with the standard profiles")
    func repository() throws {
        let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        let acr = try #require(database.readers.first { $0.id == "acs-acr39u" })
        #expect(acr.ssc == .standard)
        #expect(acr.idcard == nil)
        let vpcd = try #require(database.readers.first { $0.id == "vsmartcard-vpcd" })
        #expect(vpcd.ssc == .standard)
        #expect(vpcd.idcard == .standard)
        // Forged cards over TCP: `auto` never takes the virtual reader, only a selector naming it.
        #expect(vpcd.isVirtual && !acr.isVirtual)
        #expect(database.readerPatterns(for: .sscReader) == acr.namePatterns && database.readerPatterns(for: .idcardReader).isEmpty)
        #expect(SSCReadProfile.standard.applicationName == [0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF])
        #expect(IDCardTunnelProfile.standard.header == [0xFF, 0xB0, 0x00, 0x00])
    }

    @Test("missing tables and keys take the standard values")
    func defaults() throws {
        let model = try load(Self.header + "roles = [\"ssc\", \"idcard\"]\n").get()
        #expect(model?.ssc == .standard)
        #expect(model?.idcard == .standard)
        let partial = try load(Self.header + "roles = [\"ssc\"]\n[ssc]\nread_le = 32\n").get()
        #expect(partial?.ssc == SSCReadProfile(readLength: 0x20))
        #expect(partial?.idcard == nil)
    }

    @Test("every key read")
    func everyKey() throws {
        let model = try load(Self.header + """
            roles = ["ssc", "idcard"]
            [ssc]
            addressing = "record"
            application_name = "A0 00 00 00 01"
            read_le = 255
            ef05_records = ["03", "07"]
            ef06_records_generation1 = ["08", "09"]
            ef06_records_generation2 = ["09", "4E", "08"]
            [idcard]
            tunnel_header = "ff0a0b0c"
            """).get()
        #expect(model?.ssc == SSCReadProfile(
            addressing: .record, applicationName: [0xA0, 0, 0, 0, 0x01], readLength: 0xFF, ef05Records: [0x03, 0x07],
            ef06RecordsGeneration1: [0x08, 0x09], ef06RecordsGeneration2: [0x09, 0x4E, 0x08]
        ))
        #expect(model?.idcard == IDCardTunnelProfile(header: [0xFF, 0x0A, 0x0B, 0x0C]))
    }

    @Test("bad values name the file and key", arguments: [
        ("[ssc]\naddressing = \"row\"", "ssc.addressing: \"row\" is not tag or record"),
        ("[ssc]\naddressing = 1", "ssc.addressing: is an integer, expected a string"),
        ("[ssc]\napplication_name = \"7378G1\"", "ssc.application_name: \"7378G1\" is not 1–16 bytes of hex"),
        ("[ssc]\napplication_name = \"\"", "ssc.application_name: \"\" is not 1–16 bytes of hex"),
        ("[ssc]\nread_le = 256", "ssc.read_le: 256 is out of range 0…255"),
        ("[ssc]\nread_le = \"00\"", "ssc.read_le: is a string, expected an integer 0…255"),
        ("[ssc]\nef05_records = [\"1\"]", "ssc.ef05_records: \"1\" is not a 2-digit hex string such as \"0A\""),
        ("[ssc]\nef05_records = \"01\"", "ssc.ef05_records: is a string, expected a list of 2-digit hex strings"),
        ("[ssc]\nef05_records = [\"01\", \"01\", \"03\"]", "ssc.ef05_records: \"01\" is listed twice"),
        ("[ssc]\nef05_records = []", "ssc.ef05_records: is empty"),
        ("[ssc]\nef05_records = [\"01\", \"02\"]", "ssc.ef05_records: must list 03, EF05 tag 03 (spec version)"),
        ("[ssc]\nef06_records_generation2 = [\"08\", \"4E\"]", "ssc.ef06_records_generation2: must list 09, EF06 tag 09 (name)"),
        ("[ssc]\nread_length = 0", "ssc.read_length: is not a known key here"),
        ("ssc = 1", "ssc: is an integer, expected a table [ssc]"),
        ("[idcard]\ntunnel_header = \"FFB000\"", "idcard.tunnel_header: \"FFB000\" is not 4 bytes of hex"),
        ("[idcard]\nheader = \"FFB00000\"", "idcard.header: is not a known key here"),
    ])
    func invalid(table: String, message: String) throws {
        let result = try load(Self.header + "roles = [\"ssc\", \"idcard\"]\n" + table + "\n")
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error.code == .devicesDatabaseInvalid)
        #expect(error.message.contains(#/readers/test\.toml:\d+: /#) && error.message.contains(message), "\(error.message)")
    }

    @Test("a table for a role the model does not have is refused")
    func tableWithoutRole() throws {
        guard case .failure(let error) = try load(Self.header + "roles = [\"ssc\"]\n[idcard]\ntunnel_header = \"FFB00000\"\n") else {
            Issue.record("accepted")
            return
        }
        #expect(error.message.contains("idcard: the model has no idcard role"))
    }

    @Test("a model kioskd drives itself names its driver; model:<file> in kiosk.conf takes it, or the model's PC/SC name")
    func driverModels() throws {
        let library = try load("""
            name = "Vendor SSC reader (部标 library)"
            roles = ["ssc"]
            driver = "library:/opt/vendor/libSSCardDriver.so?type=1"
            """).get()
        let model = try #require(library)
        #expect(model.driver == "library:/opt/vendor/libSSCardDriver.so?type=1" && model.namePatterns.isEmpty)
        let database = DeviceDatabase(readers: [model, ReaderModel(id: "acs-acr39u", name: "ACS ACR39U", roles: [.sscReader], namePatterns: ["ACS ACR39U*"])])
        #expect(try ReaderSelector.model("test").resolved(slot: .socialSecurityCard, key: "ssc_reader", database: database)
            == .library(SSCLibraryAddress(libraryPath: "/opt/vendor/libSSCardDriver.so", cardType: 1)))
        #expect(try ReaderSelector.model("acs-acr39u").resolved(slot: .socialSecurityCard, key: "ssc_reader", database: database) == .namePattern("ACS ACR39U*"))
        #expect(try ReaderSelector.auto.resolved(slot: .idCard, key: "idcard_reader", database: database) == .auto)
        let unknown = #expect(throws: KioskError.self) { try ReaderSelector.model("nope").resolved(slot: .idCard, key: "idcard_reader", database: database) }
        #expect(unknown?.message == "devices.idcard_reader: no reader model \"nope\" in the devices database's readers/ (known: acs-acr39u, test)")
        let wrongSlot = #expect(throws: KioskError.self) { try ReaderSelector.model("test").resolved(slot: .idCard, key: "idcard_reader", database: database) }
        #expect(wrongSlot?.message.contains("does not serve the ID-card reader slot") == true, "\(String(describing: wrongSlot))")
    }

    @Test("a driver is checked as kiosk.conf checks a selector: one slot, a back end that slot takes, not a PC/SC name", arguments: [
        ("roles = [\"ssc\", \"idcard\"]\ndriver = \"serial:/dev/ttyUSB0\"", "a reader with a driver serves one slot"),
        ("roles = [\"ssc\"]\ndriver = \"serial:/dev/ttyUSB0\"", "serves the ID-card slot only"),
        ("roles = [\"idcard\"]\ndriver = \"Vendor*\"", "is a PC/SC reader: a driver is library:…, serial:… or sdtapi:…"),
        ("roles = [\"idcard\"]\ndriver = \"sdtapi:libsdtapi.so\"", "needs the library's absolute path"),
    ])
    func badDrivers(lines: String, problem: String) throws {
        let loaded = try load("name = \"Vendor reader\"\n" + lines + "\n")
        guard case .failure(let error) = loaded else {
            Issue.record("accepted: \(lines)")
            return
        }
        #expect(error.message.contains("readers/test.toml") && error.message.contains(problem), "\(error.message)")
    }
}
