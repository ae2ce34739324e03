import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("printer profiles: paper, printable width, dpi and format of Devices/printers")
struct PrinterProfileLoadingTests {
    /// A device database with one printer file `test.toml`.
    func load(_ text: String) throws -> Result<PrinterModel?, KioskError> {
        let directory = try TemporaryDirectory(prefix: "printers")
        defer { directory.remove() }
        for folder in ["readers", "scanners", "printers"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        try directory.write("printers/test.toml", text)
        do throws(KioskError) {
            return .success(try DeviceDatabase.load(directory: directory.path).printers.first)
        } catch {
            return .failure(error)
        }
    }

    @Test("the repository's printers: two driver queues (pdf) and one raw ESC/POS queue")
    func repository() throws {
        let printers = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase).printers
        let byID = Dictionary(uniqueKeysWithValues: printers.map { ($0.id, $0) })
        let eighty = try #require(byID["thermal-80mm"])
        #expect((eighty.paperWidthMillimetres, eighty.printableWidthMillimetres, eighty.dotsPerInch, eighty.format) == (80, 72, 203, .pdf))
        #expect(eighty.printableDots == 576)
        let fiftyEight = try #require(byID["thermal-58mm"])
        #expect((fiftyEight.printableWidthMillimetres, fiftyEight.format, fiftyEight.printableDots) == (48, .pdf, 384))
        let raw = try #require(byID["escpos-80mm-raw"])
        #expect((raw.paperWidthMillimetres, raw.printableWidthMillimetres, raw.format, raw.printableDots) == (80, 72, .escposRaster, 576))
    }

    @Test("format defaults to pdf and printable width to 72 of 80 and 48 of 58")
    func defaults() throws {
        let eighty = try #require(try load("name = \"p\"\npaper_width_mm = 80\ndpi = 203\n").get())
        #expect((eighty.format, eighty.printableWidthMillimetres) == (.pdf, 72))
        let fiftyEight = try #require(try load("name = \"p\"\npaper_width_mm = 58\ndpi = 203\nformat = \"escpos\"\n").get())
        #expect((fiftyEight.format, fiftyEight.printableWidthMillimetres) == (.escposRaster, 48))
        let wide = try #require(try load("name = \"p\"\npaper_width_mm = 112\nprintable_width_mm = 104\ndpi = 203\n").get())
        #expect((wide.printableWidthMillimetres, wide.printableDots) == (104, 832))
    }

    @Test("problems name the file and the key", arguments: [
        ("format = \"zpl\"\npaper_width_mm = 80\ndpi = 203\n", "format", "\"zpl\" is not pdf or escpos"),
        ("format = 1\npaper_width_mm = 80\ndpi = 203\n", "format", "is an integer, expected a string"),
        ("paper_width_mm = 112\ndpi = 203\n", "printable_width_mm", "required for 112 mm paper"),
        ("paper_width_mm = 80\nprintable_width_mm = 90\ndpi = 203\n", "printable_width_mm", "90 is not 10…80"),
        ("paper_width_mm = 80\ndpi = 2\n", "dpi", "2 is not 100…600"),
        ("paper_width_mm = \"80\"\ndpi = 203\n", "paper_width_mm", "is a string, expected an integer"),
        ("paper_width_mm = 80\ndpi = 203\nfromat = \"pdf\"\n", "fromat", "is not a known key here"),
    ])
    func problems(body: String, key: String, message: String) throws {
        guard case .failure(let error) = try load("name = \"p\"\n" + body) else {
            Issue.record("loaded although \(key) is wrong")
            return
        }
        #expect(error.code == .devicesDatabaseInvalid)
        #expect(error.message.contains(#/printers/test\.toml(:\d+)?: /#) && error.message.contains("\(key): \(message)"), "\(error.message)")
    }
}
