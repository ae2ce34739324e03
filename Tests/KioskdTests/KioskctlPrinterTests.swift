import Foundation
import KioskCore
import KioskTesting
import Testing

/// kioskd's CUPS printer against a real ippeveprinter, through `kioskctl printer`.
@Suite("kioskctl printer through kioskd and a real ippeveprinter")
struct KioskctlPrinterTests {
    @Test("printer test prints the test page as a followed job; status shows the last job, then paper out with its fix")
    func testPageThenPaperOut() async throws {
        try await IPPPrinterStack.running { printer in
            let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_PRINTER": printer.uri, "KIOSK_DEVICES_PRINTER_MODEL": "thermal-80mm"])
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")

            let test = try await fixture.kioskctl(["printer", "test", "--json", "--socket", fixture.socketPath])
            #expect(test.status == 0, "kioskctl: \(test.error)\nprinter: \(printer.log)")
            let info = try JSONDecoder.iso8601.decode(PrinterInfo.self, from: Data(test.output.utf8))
            #expect(info.canPrint)
            #expect(info.lastJob?.name == "test-page-TEST-0001")
            #expect(info.lastJob?.state == "completed")
            #expect(info.format == "pdf" && info.paperWidthMillimetres == 80)
            #expect(printer.spooledFiles.count == 1)
            let spooled = try #require(printer.spooledFiles.first)
            #expect(try Data(contentsOf: URL(fileURLWithPath: spooled)).prefix(5) == Data("%PDF-".utf8))

            try printer.setPaper(empty: true)
            let status = try await fixture.kioskctl(["printer", "status", "--socket", fixture.socketPath])
            #expect(status.status == 1, "a printer that cannot print a receipt makes status exit 1")
            #expect(status.output.contains("cannot print: printer.paper_out — load a 80 mm roll"), "\(status.output)")
            let overall = try await fixture.status()
            #expect(overall.devices.last?.paper == .out)
        }
    }

    @Test("a printer_model the database does not have stops kioskd with EX_CONFIG naming the key and the known profiles")
    func unknownPrinterModel() async throws {
        let fixture = try DaemonFixture(extraEnvironment: ["KIOSK_DEVICES_PRINTER_MODEL": "thermal-99mm"])
        defer { fixture.stop() }
        #expect(await fixture.daemon.waitForExit(timeout: .seconds(20)) == 78)
        #expect(fixture.daemon.standardOutput.contains("devices.printer_model: no profile \"thermal-99mm\""), "\(fixture.daemon.standardOutput)")
        #expect(fixture.daemon.standardOutput.contains("thermal-80mm"))
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
