import Foundation
import KioskAPI
import KioskCore
import KioskSimulators
import KioskTesting
import Testing

/// kioskd with its ID-card slot on a reader whose SAM it drives itself, its SSC slot on pcscd as
/// before: GA 467 frames on a serial line (`idcard_reader = "serial:/dev/pts/N"`, a pty's slave end
/// with the virtual SAM behind it), or the same reader through a libsdtapi built by the test run
/// (`sdtapi:…/libsdtapi.so?port=1001`). `kioskctl cards`, `selftest card` and `diag` work as with PC/SC readers.
@Suite("kioskctl with slots on readers kioskd drives itself: serial GA 467, sdtapi, the standard SSC library", .serialized)
struct KioskctlSerialReaderTests {
    enum BackEnd: String, CaseIterable, Sendable {
        case serial, sdtapi
    }

    /// The detail of the check `id` in the on-screen service menu, opened with the technician PIN over the
    /// resident screen's WebSocket as the page opens it.
    static func serviceMenuCheck(_ id: String, _ fixture: DaemonFixture) async throws -> String? {
        let screen = try await ResidentScreenSocket(port: try fixture.uiPort())
        try await screen.sendMessage(#"{"type":"servicePIN","pin":"\#(ServiceMenuTests.pin)"}"#)
        let menu = try ServiceMenuTests.object(try await screen.message(ofType: "serviceMenu"))
        let checks = try #require((menu["report"] as? [String: Any])?["checks"] as? [[String: Any]])
        return checks.first { $0["id"] as? String == id }?["detail"] as? String
    }

    @Test("cards readers lists the reader; selftest card reads a card placed on it, masked; diag and the on-screen service menu show its SAM, then the fix once it is unplugged",
          arguments: BackEnd.allCases)
    func readersSelftestAndDiag(_ backEnd: BackEnd) async throws {
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        // kioskd opens the reader through a link that goes with the device, as udev's /dev/kioskd-idcard
        // does: the pty's own number is freed on unplugging, and a test running beside this one may get it.
        let devices = try TemporaryDirectory(prefix: "dev")
        defer { devices.remove() }
        let link = devices.file("kioskd-idcard")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: device.devicePath)
        let double = try await LibraryDouble.sdtapi(ports: [1001: link])
        defer { double.directory.remove() }
        let serialName = backEnd == .serial ? "serial:\(link)" : "sdtapi:\(double.libraryPath)?port=1001"
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SSC_READER": "Virtual PCD SSC*", "KIOSK_DEVICES_IDCARD_READER": serialName]
                .merging(try ServiceMenuTests.credential(ServiceMenuTests.pinHash)) { _, new in new })
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await waitUntil("kioskd has opened the serial reader") {
                let result = try await fixture.kioskctl(["cards", "readers", "--json", "--socket", fixture.socketPath])
                let readers = (try? JSONDecoder().decode([CardReaderInfo].self, from: Data(result.output.utf8))) ?? []
                return readers.contains { $0.name == serialName && $0.role == "idcard" }
            }
            try await KioskctlCardsTests.maintenanceOn(fixture)

            let selftest = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["selftest", "card", "--timeout", "30", "--socket", fixture.socketPath],
                                            workDirectory: fixture.work)
            defer { selftest.stop() }
            try await waitUntil("kioskctl says what to do") { selftest.standardOutput.contains("insert any card into either reader") }
            device.place(try TestCards.virtualIDCard())
            #expect(await selftest.waitForExit(timeout: .seconds(30)) == 0, "kioskctl: \(selftest.standardOutput) \(selftest.standardError)")
            #expect(selftest.standardOutput.contains("✔ card read in \(serialName)"), "\(selftest.standardOutput)")
            #expect(selftest.standardOutput.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "an unmasked ID number was printed")

            let read = try await fixture.kioskctl(["cards", "read", "--json", "--reader", serialName, "--socket", fixture.socketPath])
            #expect(read.status == 0, "kioskctl: \(read.error)")
            let report = try JSONDecoder().decode(CardReport.self, from: Data(read.output.utf8))
            #expect(report.kind == "idcard" && report.reader == serialName && report.idNumberValid)
            #expect(read.output.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil)

            let diag = try JSONDecoder().decode(DiagnosticReport.self, from: Data(try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath]).output.utf8))
            let idSlot = try #require(diag.checks.first { $0.id == "reader.idcard" })
            let connection = backEnd == .serial ? "GA 467 on \(link) at 115200 baud" : "sdtapi \(double.libraryPath), port 1001 (USB reader 1)"
            #expect(idSlot.passed && idSlot.detail == "\(connection), SAM 05.01-20250314-0000000001-1234567890", "\(idSlot)")
            #expect(try await Self.serviceMenuCheck("reader.idcard", fixture) == idSlot.detail)

            device.unplug()
            try FileManager.default.removeItem(atPath: link)
            try await waitUntil("diag reports the serial reader gone", timeout: .seconds(60), poll: .milliseconds(200)) {
                let report = try JSONDecoder().decode(DiagnosticReport.self, from: Data(try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath]).output.utf8))
                guard let check = report.checks.first(where: { $0.id == "reader.idcard" }), !check.passed else { return false }
                return check.fix?.contains(backEnd == .serial ? "ls -l \(link)" : "nm -D \(double.libraryPath)") == true
            }
        }
    }

    @Test("the SSC slot through the standard (部标) library: cards read, diag and the service menu name it, the reader and its PSAM's terminal")
    func sscLibrary() async throws {
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
        defer { double.directory.remove() }
        let name = "library:\(double.libraryPath)"
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SSC_READER": name, "KIOSK_DEVICES_IDCARD_READER": "Virtual PCD ID*"]
                .merging(try ServiceMenuTests.credential(ServiceMenuTests.pinHash)) { _, new in new })
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await KioskctlCardsTests.maintenanceOn(fixture)
            let card = try VirtualCard(VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen3.toml")).insert(port: PCSCStack.sscReader.port)
            defer { card.remove() }
            let seen = try await eventually(within: .seconds(60), poll: .milliseconds(200)) {
                let result = try await fixture.kioskctl(["cards", "readers", "--json", "--socket", fixture.socketPath])
                let readers = (try? JSONDecoder().decode([CardReaderInfo].self, from: Data(result.output.utf8))) ?? []
                return readers.contains { $0.name == name && $0.role == "ssc" && $0.cardPresent }
            }
            try #require(seen, "kioskd's library reader did not see the card within 60 s; kioskd said:\n\(fixture.daemon.standardOutput.suffix(4000))")
            let read = try await fixture.kioskctl(["cards", "read", "--json", "--reader", name, "--socket", fixture.socketPath])
            #expect(read.status == 0, "kioskctl: \(read.error)")
            let report = try JSONDecoder().decode(CardReport.self, from: Data(read.output.utf8))
            #expect(report.kind == "ssc" && report.reader == name && report.specVersion == "3.00" && report.idNumberValid)
            #expect(read.output.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil)
            let diag = try JSONDecoder().decode(DiagnosticReport.self, from: Data(try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath]).output.utf8))
            let slot = try #require(diag.checks.first { $0.id == "reader.ssc" })
            #expect(try await Self.serviceMenuCheck("reader.ssc", fixture) == slot.detail)
            #expect(slot.passed && slot.detail == "部标 SSC library \(double.libraryPath) (iReadCardBas and iReadCard, iGetReaderInfo), reader SSCDOUBLE0001, PSAM terminal 410100813475", "\(slot)")
        }
    }

    @Test("ssc_reader = \"model:…\" takes the reader model's driver from the devices database; an unknown model stops kioskd with the models it knows")
    func readerModelNamesTheDriver() async throws {
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
        defer { double.directory.remove() }
        let database = try TemporaryDirectory(prefix: "devices")
        defer { database.remove() }
        try FileManager.default.removeItem(atPath: database.path)
        try FileManager.default.copyItem(atPath: RepositoryPaths.devicesDatabase, toPath: database.path)
        _ = try database.write("readers/vendor-ssc.toml", """
            name = "Vendor SSC reader through its 部标 library"
            roles = ["ssc"]
            driver = "library:\(double.libraryPath)"
            """)
        let databasePath = database.path
        let configuration: @Sendable (String) -> String = { socket in
            DaemonFixture.configuration(version: 1, socketPath: socket).replacingOccurrences(of: "database = \"\(RepositoryPaths.devicesDatabase)\"", with: "database = \"\(databasePath)\"")
        }
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SSC_READER": "model:vendor-ssc"], configuration: configuration)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await waitUntil("diag shows the model's library", timeout: .seconds(60), poll: .milliseconds(200)) {
                let diag = try JSONDecoder().decode(DiagnosticReport.self, from: Data(try await fixture.kioskctl(["diag", "--json", "--socket", fixture.socketPath]).output.utf8))
                return diag.checks.first { $0.id == "reader.ssc" }?.detail.contains("部标 SSC library \(double.libraryPath)") == true
            }
            let unknown = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_SSC_READER": "model:nope"], configuration: configuration)
            defer { unknown.stop() }
            let status = await unknown.daemon.waitForExit(timeout: .seconds(30))
            #expect(status != nil && status != 0, "kioskd kept running with model:nope")
            #expect(unknown.daemon.standardError.contains("devices.ssc_reader: no reader model \"nope\"") || unknown.daemon.standardOutput.contains("no reader model \"nope\""),
                    "\(unknown.daemon.standardError)\(unknown.daemon.standardOutput)")
        }
    }

    @Test("kioskd refuses serial: and sdtapi: on the SSC slot, a relative path, an unknown speed or port, naming the key and what it takes")
    func configurationErrors() async throws {
        let cases = [
            ("KIOSK_DEVICES_SSC_READER", "serial:/dev/ttyUSB0", "serves the ID-card slot only"),
            ("KIOSK_DEVICES_IDCARD_READER", "serial:ttyUSB0", "needs the device's absolute path"),
            ("KIOSK_DEVICES_IDCARD_READER", "serial:/dev/ttyUSB0?baud=12345", "baud must be one of 9600, 19200, 38400, 57600, 115200"),
            ("KIOSK_DEVICES_IDCARD_READER", "sdtapi:/usr/lib/libsdtapi.so?port=17", "port must be 1–16 (COM ports) or 1001–1016 (USB readers), not 17"),
            ("KIOSK_DEVICES_SSC_READER", "sdtapi:/usr/lib/libsdtapi.so", "sdtapi (the ID reader SDK) serves the ID-card slot only"),
            ("KIOSK_DEVICES_IDCARD_READER", "library:/opt/ssc/libSSCardDriver.so", "library: (the standard SSC reader library) serves the SSC slot only"),
            ("KIOSK_DEVICES_SSC_READER", "library:/opt/ssc/libSSCardDriver.so?type=5", "type must be 1 (contact), 2 (contactless)"),
            ("KIOSK_DEVICES_SSC_READER", "hsm:/opt/ssc/libSSCardDriver.so", "unknown reader back end \"hsm:\""),
        ]
        let work = try TemporaryDirectory()
        defer { work.remove() }
        for (variable, value, message) in cases {
            let check = try await ChildProcess.run(RepositoryPaths.binary("kioskd"), ["--check-config", RepositoryPaths.shippedConfiguration],
                                                   environment: [variable: value], workDirectory: work)
            #expect(check.status == 78, "\(variable)=\(value)")
            #expect(check.error.contains(message) || check.output.contains(message), "\(variable)=\(value): \(check.error)\(check.output)")
        }
    }
}
