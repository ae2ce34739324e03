import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("kiosk.conf parsing and validation")
struct ConfigurationParsingTests {
    static let minimal = """
        [kiosk]
        id = "K-1"
        region = "320600"
        insurance_year = 2021

        [backend]
        url = "http://127.0.0.1:9000/kiosk/v1"
        """

    func problems(_ text: String, environment: [String: String] = [:]) -> [ConfigProblem] {
        do {
            _ = try KioskConfiguration.parse(text: text, source: "test.conf", environment: environment)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("the shipped kiosk.conf is valid and says what it means")
    func shippedConfigurationIsValid() throws {
        let configuration = try KioskConfiguration.load(path: RepositoryPaths.shippedConfiguration, environment: [:])
        #expect(configuration.kiosk.region == "320600")
        #expect(configuration.kiosk.insuranceYear == 2021)
        #expect(configuration.admin.socketPath == "/run/kioskd/admin.sock")
        #expect(configuration.payment.methods == [.payCode, .onScreenQR])
        #expect(configuration.devices.printer == .auto)
        #expect(configuration.ui.listenHost == "127.0.0.1" && configuration.ui.listenPort == 8080)
    }

    @Test("defaults fill every optional key of a minimal file")
    func minimalFileGetsDefaults() throws {
        let configuration = try KioskConfiguration.parse(text: Self.minimal, source: "test.conf")
        #expect(configuration.session.idleTimeoutSeconds == 60)
        #expect(configuration.session.countdownSeconds == 15)
        #expect(configuration.payment.maximumAmountFen == 1_000_000)
        #expect(configuration.devices.sscReader == .auto)
        #expect(configuration.journal.path == "/var/lib/kioskd/journal.sqlite")
        #expect(configuration.updates.trustedKeys.isEmpty)
    }

    @Test("a bad printer URI is reported with key path and line, in the documented form")
    func badPrinterURI() {
        let text = Self.minimal + "\n\n[devices]\nprinter = \"htp://x\"\n"
        let found = problems(text)
        #expect(found.map(\.description) == [#"devices.printer: "htp://x" is not an ipp://, ipps:// or cups: URI (nor auto or simulated) (line 10)"#])
    }

    @Test("unknown keys and sections are errors with their lines")
    func unknownKeys() {
        let text = Self.minimal + "\ntimeout = 5\n\n[printer]\nuri = \"ipp://x/\"\n"
        let found = problems(text)
        #expect(found.contains(ConfigProblem(keyPath: "backend.timeout", message: "is not a known key here", line: 8)))
        #expect(found.contains(ConfigProblem(keyPath: "printer", message: "is not a known section", line: 10)))
        #expect(found.count == 2)
    }

    @Test("unknown keys come after the values' problems, in file order section by section, whatever the run; a list names its bad element")
    func unknownKeysInOrder() {
        let text = Self.minimal + "\ntimeout = 5\n\n[payment]\nmethods = [\"paycode\", 1]\nfee = 1\n\n[zzz]\n"
        #expect(problems(text).map(\.description) == [
            "payment.methods: element 2 is an integer, expected a string (line 11)",
            "backend.timeout: is not a known key here (line 8)",
            "payment.fee: is not a known key here (line 12)",
            "zzz: is not a known section (line 14)",
        ])
    }

    @Test("wrong types name what was expected and what was found")
    func wrongTypes() {
        let text = Self.minimal.replacingOccurrences(of: "insurance_year = 2021", with: "insurance_year = \"2021\"")
            + "\n\n[payment]\nmethods = \"paycode\"\nmax_amount_fen = 12.5\n"
        let found = problems(text)
        #expect(found.contains(ConfigProblem(keyPath: "kiosk.insurance_year", message: "is a string, expected an integer", line: 4)))
        #expect(found.contains(ConfigProblem(keyPath: "payment.methods", message: "is a string, expected an array of strings", line: 10)))
        #expect(found.contains(ConfigProblem(keyPath: "payment.max_amount_fen", message: "is a floating-point number, expected an integer", line: 11)))
        #expect(found.count == 3)
    }

    @Test("missing required keys are reported, naming a missing section")
    func missingRequiredKeys() {
        let found = problems("[kiosk]\nid = \"K-1\"\n")
        #expect(found.map(\.description) == [
            "kiosk.region: is missing; expected a string (line 1)",
            "kiosk.insurance_year: is missing; expected an integer (line 1)",
            "backend.url: is missing; expected a string (section [backend] not found)",
        ])
    }

    @Test("bad URLs: not a URL, plain http to another host, another scheme")
    func badBackendURLs() {
        for (url, message) in [
            ("not a url", #""not a url" is not a URL such as https://backend.example/kiosk/v1"#),
            ("http://10.1.2.3/kiosk", #""http://10.1.2.3/kiosk" uses plain http to another machine; use https://"#),
            ("ftp://backend/kiosk", #""ftp://backend/kiosk" is not an http:// or https:// URL"#),
        ] {
            let text = Self.minimal.replacingOccurrences(of: "http://127.0.0.1:9000/kiosk/v1", with: url)
            #expect(problems(text) == [ConfigProblem(keyPath: "backend.url", message: message, line: 7)])
        }
    }

    @Test("https needs absolute certificate paths")
    func httpsNeedsCertificates() {
        let text = Self.minimal.replacingOccurrences(of: "http://127.0.0.1:9000", with: "https://backend.example")
        #expect(problems(text).map(\.keyPath) == ["backend.ca_file", "backend.client_certificate", "backend.client_key"])
    }

    @Test("invalid TOML gives the line and column of the syntax error")
    func invalidTOML() {
        let found = problems("[kiosk]\nid = \"K-1\nregion = 1\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.keyPath == "")
        #expect(found.first?.message.hasPrefix("invalid TOML at column ") == true)
    }

    @Test("every problem is reported at once, in file order of checking")
    func everyProblemAtOnce() {
        let text = """
            [kiosk]
            id = "bad id!"
            region = "32060"
            insurance_year = 1999
            locale = "en"

            [backend]
            url = "http://127.0.0.1/x"
            connect_timeout_ms = 5

            [devices]
            scanner = "nope"
            printer = "cups:"

            [session]
            countdown_s = 0

            [payment]
            methods = ["cash", "qr", "qr"]

            [ui]
            listen = "localhost"

            [admin]
            socket = "admin.sock"

            [updates]
            trusted_keys = ["AAAA"]
            """
        let found = problems(text).map(\.keyPath)
        #expect(found == [
            "kiosk.id", "kiosk.region", "kiosk.insurance_year", "kiosk.locale", "backend.connect_timeout_ms",
            "devices.scanner", "devices.printer", "session.countdown_s", "payment.methods", "payment.methods",
            "ui.listen", "admin.socket", "updates.trusted_keys",
        ])
    }

    @Test("the resident screen listens on loopback only", arguments: [
        ("127.0.0.1:8080", true), ("127.0.0.2:0", true), ("localhost:8080", true), ("[::1]:8080", true),
        ("0.0.0.0:8080", false), ("192.168.1.20:8080", false), ("[::]:8080", false), ("kiosk.example:8080", false),
    ])
    func loopbackListen(listen: String, allowed: Bool) {
        let found = problems(Self.minimal + "\n[ui]\nlisten = \"\(listen)\"\n")
        #expect(found.isEmpty == allowed, "\(listen): \(found.map(\.description))")
        if !allowed { #expect(found.first?.description.contains("ui.listen") == true && found.first?.description.contains("loopback") == true) }
    }

    @Test("KIOSK_<SECTION>_<KEY> environment variables override the file and are validated")
    func environmentOverrides() throws {
        let configuration = try KioskConfiguration.parse(text: Self.minimal, source: "test.conf", environment: [
            "KIOSK_DEVICES_PRINTER": "ipp://127.0.0.1:8631/ipp/print",
            "KIOSK_SESSION_IDLE_TIMEOUT_S": "120",
            "KIOSK_PAYMENT_METHODS": "qr",
            "KIOSK_ADMIN_GROUP": "",
        ])
        #expect(configuration.devices.printer == .ipp(uri: "ipp://127.0.0.1:8631/ipp/print"))
        #expect(configuration.session.idleTimeoutSeconds == 120)
        #expect(configuration.payment.methods == [.onScreenQR])

        let found = problems(Self.minimal, environment: ["KIOSK_SESSION_IDLE_TIMEOUT_S": "soon"])
        #expect(found.map(\.description) == [#"session.idle_timeout_s: "soon" is not an integer (environment KIOSK_SESSION_IDLE_TIMEOUT_S)"#])
    }

    @Test("each card slot's reader: auto, a pattern bare or as pcsc:, and for the ID-card slot a serial line with its speed; problems name the key")
    func readerBackEnds() throws {
        func devices(_ ssc: String, _ idcard: String) throws -> KioskConfiguration.Devices {
            try KioskConfiguration.parse(text: Self.minimal, source: "test.conf", environment: ["KIOSK_DEVICES_SSC_READER": ssc, "KIOSK_DEVICES_IDCARD_READER": idcard]).devices
        }
        let pcsc = try devices("pcsc:ACS ACR39U*", "Virtual PCD ID*")
        #expect(pcsc.sscReader == .namePattern("ACS ACR39U*") && pcsc.idcardReader == .namePattern("Virtual PCD ID*"))
        let serial = try devices("auto", "serial:/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0?baud=9600")
        #expect(serial.idcardReader == .serial(SerialReaderAddress(path: "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0", baud: 9600)))
        #expect(serial.idcardReader.description == "serial:/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0?baud=9600")
        #expect(try devices("auto", "serial:/dev/kioskd-idcard").idcardReader == .serial(SerialReaderAddress(path: "/dev/kioskd-idcard", baud: 115_200)))
        #expect(ReaderSelector.serial(SerialReaderAddress(path: "/dev/ttyS1")).pcscSelector == nil)
        #expect(try devices("auto", "sdtapi:/opt/routon/libsdtapi.so?port=3").idcardReader == .sdtapi(SDTAPIAddress(libraryPath: "/opt/routon/libsdtapi.so", port: 3)))
        #expect(try devices("auto", "sdtapi:/usr/lib/libsdtapi.so").idcardReader.description == "sdtapi:/usr/lib/libsdtapi.so?port=1001")

        let library = try devices("library:/opt/ssc/libSSCardDriver.so?type=2", "auto")
        #expect(library.sscReader == .library(SSCLibraryAddress(libraryPath: "/opt/ssc/libSSCardDriver.so", cardType: 2)) && library.sscReader.pcscSelector == nil)
        #expect(try devices("library:/opt/ssc/libSSCardDriver.so", "auto").sscReader.description == "library:/opt/ssc/libSSCardDriver.so")

        let found = problems(Self.minimal, environment: ["KIOSK_DEVICES_SSC_READER": "hsm:/opt/ssc/libSSCardDriver.so", "KIOSK_DEVICES_IDCARD_READER": "serial:/dev/ttyUSB0?parity=even"])
        #expect(found.map(\.description) == [
            #"devices.ssc_reader: unknown reader back end "hsm:"; expected auto, simulated, a PC/SC reader name pattern, pcsc:PATTERN, library:/PATH/libSSCardDriver.so or model:NAME (environment KIOSK_DEVICES_SSC_READER)"#,
            #"devices.idcard_reader: "serial:/dev/ttyUSB0?parity=even": unknown option "parity=even" (only baud=N) (environment KIOSK_DEVICES_IDCARD_READER)"#,
        ])
    }
}
