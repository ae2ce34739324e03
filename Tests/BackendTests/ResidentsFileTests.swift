import KioskCore
import SandboxBackend
import Testing

/// The sandbox's residents file is read with the kiosk's one TOML reader.
@Suite("the sandbox's residents file")
struct ResidentsFileTests {
    @Test("the shipped file loads, with each family relation")
    func shipped() throws {
        let registry = try ResidentRegistry.load(path: SandboxFixture.residentsFile)
        #expect(registry.residents.count >= 5)
        let zhang = try #require(registry.resident(idNumber: IDNumber("320602196005120210")))
        #expect(zhang.paysFor.map(\.relation) == ["孙子女"])
    }

    @Test("every problem at once, each with its line and key; a misspelt key is refused; ID numbers only masked")
    func problems() {
        let text = """
            [[resident]]
            id_number = "320602196005120210"
            name = "张建国"
            hukou_region = "320600"
            paid_year = [2020]

            [[resident]]
            id_number = "320602196005120210"
            name = "张建国"
            hukou_region = "320600"
            pays_for = [{ id_number = "320602201203080428", relation = "孙子女" }, { id_number = "320611195507200183", relation = "配偶" }]

            [[resident]]
            id_number = "320611195507200183"
            name = " "
            hukou_region = "3206"
            ssc_card_number = "J32060000123"
            """
        do {
            _ = try ResidentRegistry.parse(text, source: "residents.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .residentsInvalid)
            let lines = error.message.split(separator: "\n").map(String.init)
            #expect(lines.contains("residents.toml:5: resident[0].paid_year: is not a known key here"), "\(error.message)")
            #expect(lines.contains { $0.hasPrefix("residents.toml:8: resident[1].id_number: ") && $0.hasSuffix(" appears twice") }, "\(error.message)")
            #expect(lines.contains { $0.hasPrefix("residents.toml:11: resident[1].pays_for[0].id_number: ") && $0.hasSuffix("who is not in the file") },
                    "\(error.message)")
            #expect(lines.contains("residents.toml:15: resident[2].name: is empty"), "\(error.message)")
            #expect(lines.contains { $0.hasPrefix("residents.toml:16: resident[2].hukou_region: ") }, "\(error.message)")
            #expect(lines.contains("residents.toml:17: resident[2].ssc_card_number: must be 9 characters, digits and capital letters (got 12)"),
                    "\(error.message)")
            // The spouse's entry is wrong, but the spouse is in the file: no "not in the file" for them.
            #expect(lines.count == 6, "\(error.message)")
            for number in ["320602196005120210", "320602201203080428", "320611195507200183"] { #expect(!error.message.contains(number)) }
        }
    }

    @Test("a file without residents is refused, naming what is missing")
    func empty() {
        do {
            _ = try ResidentRegistry.parse("# nobody\n", source: "residents.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.message == "residents.toml: resident: is missing; expected [[resident]] tables")
        }
    }
}
