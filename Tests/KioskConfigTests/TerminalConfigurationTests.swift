import Foundation
import KioskConfig
import KioskCore
import Testing

@Suite("kiosk.conf [terminal]: the card payment terminal")
struct TerminalConfigurationTests {
    static let terminal = """

        [payment]
        methods = ["paycode", "card"]

        [terminal]
        address = "192.168.1.20:8443"
        ca_file = "/etc/kioskd/tls/adyen-terminal-root.pem"
        poi_id = "V400m-324688179"
        key_identifier = "kioskd"
        key_version = 1
        passphrase_file = "/etc/kioskd/tls/terminal.passphrase"
        """

    func problems(_ text: String) -> [String] {
        do {
            _ = try KioskConfiguration.parse(text: ConfigurationParsingTests.minimal + text, source: "test.conf")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("a terminal on the LAN: its address, certificate name (Adyen's form by default), files, key and timeouts")
    func parsed() throws {
        let configuration = try KioskConfiguration.parse(text: ConfigurationParsingTests.minimal + Self.terminal, source: "test.conf")
        let terminal = try #require(configuration.terminal)
        #expect(terminal.address == "192.168.1.20:8443")
        #expect(terminal.certificateName == "V400m-324688179.live.terminal.adyen.com")
        #expect(terminal.poiID == "V400m-324688179")
        #expect(terminal.keyIdentifier == "kioskd" && terminal.keyVersion == 1)
        #expect(terminal.paymentTimeoutSeconds == 180 && terminal.requestTimeoutSeconds == 30)
        #expect(terminal.settlementTime == "23:30")
        #expect(configuration.payment.methods == [.payCode, .card])
    }

    @Test("without [terminal] card is not a method by default, and listing it is an error that says what to do")
    func cardNeedsATerminal() throws {
        #expect(try KioskConfiguration.parse(text: ConfigurationParsingTests.minimal, source: "test.conf").payment.methods == [.payCode, .onScreenQR])
        #expect(problems("\n[payment]\nmethods = [\"card\"]\n") == [
            #"payment.methods: "card" is listed but there is no [terminal] section: say which payment terminal takes the cards (or drop "card") (line 9)"#,
        ])
    }

    @Test("with [terminal] and no methods listed, card is offered after the others")
    func defaultMethodsWithTerminal() throws {
        let text = Self.terminal.replacingOccurrences(of: "[payment]\nmethods = [\"paycode\", \"card\"]\n", with: "")
        let configuration = try KioskConfiguration.parse(text: ConfigurationParsingTests.minimal + text, source: "test.conf")
        #expect(configuration.payment.methods == [.payCode, .onScreenQR, .card])
    }

    @Test("every bad value is named with its key and line, all at once")
    func badValues() {
        let text = Self.terminal
            .replacingOccurrences(of: "192.168.1.20:8443", with: "https://192.168.1.20/nexo")
            .replacingOccurrences(of: "/etc/kioskd/tls/adyen-terminal-root.pem", with: "/tmp/root.pem")
            .replacingOccurrences(of: "V400m-324688179", with: "V400m 324688179")
            + "\npayment_timeout_s = 60\nsettlement_time = \"25:00\"\ncertificate_name = \"not a name\"\n"
        let found = problems(text)
        #expect(found.contains { $0.hasPrefix(#"terminal.address: "https://192.168.1.20/nexo" is not host:port"#) })
        #expect(found.contains { $0.hasPrefix(#"terminal.ca_file: "/tmp/root.pem" is not in /etc/kioskd/tls/"#) })
        #expect(found.contains { $0.hasPrefix(#"terminal.poi_id: "V400m 324688179" is not a terminal POIID"#) })
        #expect(found.contains { $0.hasPrefix("terminal.payment_timeout_s: 60 is out of range 120…600") })
        #expect(found.contains { $0.hasPrefix(#"terminal.settlement_time: "25:00" is not a time of day"#) })
        #expect(found.contains { $0.hasPrefix(#"terminal.certificate_name: "not a name" is not a DNS name"#) })
        #expect(found.count == 6, "\(found)")
    }

    @Test("the demo's virtual PIN pad needs no files; missing required keys are named")
    func simulatedAndMissing() throws {
        let simulated = "\n[terminal]\naddress = \"simulated\"\npoi_id = \"SIM-1\"\nkey_identifier = \"demo\"\nkey_version = 1\n"
        #expect(try KioskConfiguration.parse(text: ConfigurationParsingTests.minimal + simulated, source: "test.conf").terminal?.isSimulated == true)
        let found = problems("\n[terminal]\naddress = \"10.0.0.2:8443\"\n")
        #expect(found.contains { $0.hasPrefix("terminal.poi_id: is missing") })
        #expect(found.contains { $0.hasPrefix("terminal.key_identifier: is missing") })
        #expect(found.contains { $0.hasPrefix("terminal.ca_file:") }, "a real terminal needs its root: \(found)")
    }

    @Test("a bundle cannot move the kiosk to another terminal or key: those are trust anchors, and the section needs a restart")
    func bundleCannotChangeTheTerminal() throws {
        let old = try KioskConfiguration.parse(text: ConfigurationParsingTests.minimal + Self.terminal, source: "old.conf")
        let new = try KioskConfiguration.parse(
            text: ConfigurationParsingTests.minimal + Self.terminal.replacingOccurrences(of: "192.168.1.20", with: "192.168.1.66"), source: "new.conf")
        let change = ConfigurationChange(from: old, to: new)
        #expect(change.anchorKeys.contains("terminal.address"))
        #expect(change.restartKeys.contains("terminal"))
    }
}
