import Foundation
import KioskCore

extension KioskConfiguration {
    /// Reads and parses a configuration file; environment overrides apply (`KIOSK_<SECTION>_<KEY>`).
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KioskConfiguration {
        try parse(text: try text(of: path), source: path, environment: environment)
    }

    /// A configuration file's text, or why it cannot be read.
    public static func text(of path: String) throws(KioskError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KioskError(.configUnreadable, "cannot read configuration file \(path): \(error.localizedDescription)")
        }
    }

    /// Parses configuration text, reporting every problem at once as a `ConfigValidationError`.
    public static func parse(text: String, source: String, environment: [String: String] = [:]) throws(ConfigValidationError) -> KioskConfiguration {
        let document = ConfigDocument(text: text, source: source, environment: environment.filter { $0.key.hasPrefix("KIOSK_") })
        guard document.isTOML else { throw ConfigValidationError(source: source, problems: document.problems) }
        let configuration = KioskConfiguration(
            kiosk: .read(from: document),
            backend: .read(from: document),
            devices: .read(from: document),
            session: .read(from: document),
            payment: .read(from: document, terminalConfigured: document.hasSection("terminal")),
            ui: .read(from: document),
            admin: .read(from: document),
            journal: .read(from: document),
            updates: .read(from: document),
            terminal: document.hasSection("terminal") ? .read(from: document) : nil
        )
        refuseTechnicianPIN(in: document)
        document.reportUnknownKeys()
        guard document.problems.isEmpty else { throw ConfigValidationError(source: source, problems: document.problems) }
        return configuration
    }
}

extension KioskConfiguration.Kiosk {
    static func read(from document: ConfigDocument) -> Self {
        Self(
            id: document.string("kiosk", "id", check: ConfigChecks.kioskID),
            region: document.string("kiosk", "region", check: RegionCode.problem),
            insuranceYear: document.int("kiosk", "insurance_year", range: 2000...2100),
            locale: document.string("kiosk", "locale", default: "zh-CN", check: ConfigChecks.oneOf(["zh-CN"])),
            configVersion: document.int("kiosk", "config_version", default: 0, range: 0...Int(Int32.max))
        )
    }
}

extension KioskConfiguration.Backend {
    static func read(from document: ConfigDocument) -> Self {
        let url = document.string("backend", "url", check: ConfigChecks.backendURL)
        let needsTLSFiles = url.hasPrefix("https://")
        let pathCheck: (String) -> String? = { $0.isEmpty && !needsTLSFiles ? nil : ConfigChecks.tlsFile($0) }
        return Self(
            url: url,
            caFile: document.string("backend", "ca_file", default: "", check: pathCheck),
            clientCertificate: document.string("backend", "client_certificate", default: "", check: pathCheck),
            clientKey: document.string("backend", "client_key", default: "", check: pathCheck),
            connectTimeoutMilliseconds: document.int("backend", "connect_timeout_ms", default: 3000, range: 100...60000),
            requestTimeoutMilliseconds: document.int("backend", "request_timeout_ms", default: 10000, range: 500...120_000)
        )
    }
}

extension KioskConfiguration.Devices {
    /// A slot's reader selector; a problem is reported (and `auto` stands in so the rest still reads).
    private static func readerSelector(_ document: ConfigDocument, _ key: String, slot: CardKind) -> ReaderSelector {
        let text = document.string("devices", key, default: "auto") { text in
            do throws(ReaderSelector.SelectorProblem) {
                _ = try ReaderSelector.parse(text, slot: slot)
                return nil
            } catch {
                return error.message
            }
        }
        return (try? ReaderSelector.parse(text, slot: slot)) ?? .auto
    }

    static func read(from document: ConfigDocument) -> Self {
        let scannerText = document.string("devices", "scanner", default: "auto") {
            ScannerSelector.parse($0) == nil ? "\"\($0)\" is not auto, simulated or a USB VID:PID such as 1eab:1d06" : nil
        }
        let printerText = document.string("devices", "printer", default: "auto") {
            PrinterSelector.parse($0) == nil ? "\"\($0)\" is not an ipp://, ipps:// or cups: URI (nor auto or simulated)" : nil
        }
        return Self(
            sscReader: readerSelector(document, "ssc_reader", slot: .socialSecurityCard),
            idcardReader: readerSelector(document, "idcard_reader", slot: .idCard),
            scanner: ScannerSelector.parse(scannerText) ?? .auto,
            printer: PrinterSelector.parse(printerText) ?? .auto,
            database: document.string("devices", "database", default: "/usr/share/kioskd/devices", check: ConfigChecks.nonEmpty),
            cardCommandTimeoutMilliseconds: document.int("devices", "card_command_timeout_ms", default: 3000, range: 200...30000),
            printerModel: document.string("devices", "printer_model", default: "thermal-80mm", check: ConfigChecks.nonEmpty),
            printJobTimeoutMilliseconds: document.int("devices", "print_job_timeout_ms", default: 30000, range: 2000...300_000)
        )
    }
}

extension KioskConfiguration.Session {
    static func read(from document: ConfigDocument) -> Self {
        Self(
            idleTimeoutSeconds: document.int("session", "idle_timeout_s", default: 60, range: 10...600),
            countdownSeconds: document.int("session", "countdown_s", default: 15, range: 5...60),
            payCodeTimeoutSeconds: document.int("session", "paycode_timeout_s", default: 90, range: 30...300),
            qrTimeoutSeconds: document.int("session", "qr_timeout_s", default: 180, range: 30...600),
            takeReceiptSeconds: document.int("session", "take_receipt_s", default: 20, range: 5...120)
        )
    }
}

extension KioskConfiguration.Payment {
    static func read(from document: ConfigDocument, terminalConfigured: Bool) -> Self {
        let names = PaymentMethod.allCases.map(\.rawValue)
        let offered = PaymentMethod.allCases.filter { $0 != .card || terminalConfigured }.map(\.rawValue)
        let texts = document.strings("payment", "methods", default: offered, check: ConfigChecks.oneOf(names))
        if texts.contains(PaymentMethod.card.rawValue), !terminalConfigured {
            document.report(["payment", "methods"], "\"card\" is listed but there is no [terminal] section: say which payment terminal takes the cards (or drop \"card\")")
        }
        if texts.isEmpty { document.report(["payment", "methods"], "at least one payment method is needed: \(names.joined(separator: ", "))") }
        if Set(texts).count != texts.count { document.report(["payment", "methods"], "a method is listed twice") }
        let methods = texts.compactMap(PaymentMethod.init(rawValue:))
        let qrURLOrigins = document.strings("payment", "qr_url_origins", default: URLOrigin.paymentNetworks.map(\.description), check: URLOrigin.problem)
            .compactMap(URLOrigin.init)
        if methods.contains(.onScreenQR), qrURLOrigins.isEmpty {
            document.report(["payment", "qr_url_origins"], "\"qr\" is in payment.methods but no origin is listed: every on-screen QR would be refused (list the payment networks' origins, or drop \"qr\")")
        }
        return Self(
            methods: methods,
            maximumAmountFen: document.int("payment", "max_amount_fen", default: KioskConfiguration.Payment.amountCeilingFen, range: 1...KioskConfiguration.Payment.amountCeilingFen),
            qrURLOrigins: qrURLOrigins,
            verificationURLOrigins: document.strings("payment", "verification_url_origins", default: [], check: URLOrigin.problem)
                .compactMap(URLOrigin.init)
        )
    }
}

extension KioskConfiguration.UI {
    static func read(from document: ConfigDocument) -> Self {
        let listen = document.string("ui", "listen", default: "127.0.0.1:8080", check: ConfigChecks.loopbackListen)
        let (host, port) = ConfigChecks.hostPort(listen) ?? ("127.0.0.1", 8080)
        let root = document.string("ui", "root", default: "/usr/share/kioskd/ui") {
            $0.hasPrefix("/") ? nil : "\"\($0)\" is not an absolute path"
        }
        return Self(listenHost: host, listenPort: port, root: root)
    }
}

extension KioskConfiguration.Admin {
    static func read(from document: ConfigDocument) -> Self {
        Self(
            socketPath: document.string("admin", "socket", default: "/run/kioskd/admin.sock", check: ConfigChecks.socketPath),
            group: document.string("admin", "group", default: "", check: ConfigChecks.groupName)
        )
    }
}

extension KioskConfiguration.Journal {
    static func read(from document: ConfigDocument) -> Self {
        Self(path: document.string("journal", "path", default: "/var/lib/kioskd/journal.sqlite", check: ConfigChecks.nonEmpty))
    }
}

extension KioskConfiguration.Updates {
    static func read(from document: ConfigDocument) -> Self {
        Self(
            trustedKeys: document.strings("updates", "trusted_keys", default: [], check: ConfigChecks.ed25519PublicKey),
            stateReportIntervalSeconds: document.int("updates", "poll_interval_s", default: 300, range: 30...86400),
            healthTimeoutSeconds: document.int("updates", "health_timeout_s", default: 60, range: 5...600),
            historyDirectory: document.string("updates", "history_directory", default: "/var/lib/kioskd/config", check: ConfigChecks.absolutePath)
        )
    }
}

extension KioskConfiguration {
    /// The technician PIN's hash moved out of kiosk.conf (review M10): a value here is refused,
    /// saying where it goes now. An empty one, as older files ship it, is ignored.
    static func refuseTechnicianPIN(in document: ConfigDocument) {
        _ = document.string("maintenance", "technician_pin", default: "") { value in
            value.isEmpty ? nil : "the PIN hash is no longer read from kiosk.conf (it travelled in bundles and kept versions): move it to \(TechnicianPINHash.credentialSource) (root, 0600), which kioskd.service passes as a credential, and delete this line"
        }
    }
}

extension KioskConfiguration.Terminal {
    static func read(from document: ConfigDocument) -> Self {
        let address = document.string("terminal", "address", check: ConfigChecks.terminalAddress)
        let simulated = address == Self.simulated
        // The simulated PIN pad makes its own key and certificate: its files may stay empty.
        let fileCheck: (String) -> String? = { simulated && $0.isEmpty ? nil : ConfigChecks.tlsFile($0) }
        let poiID = document.string("terminal", "poi_id", check: ConfigChecks.terminalPOIID)
        return Self(
            address: address,
            certificateName: document.string("terminal", "certificate_name", default: "\(poiID).live.terminal.adyen.com", check: ConfigChecks.dnsName),
            caFile: document.string("terminal", "ca_file", default: "", check: fileCheck),
            poiID: poiID,
            keyIdentifier: document.string("terminal", "key_identifier", check: ConfigChecks.nonEmpty),
            keyVersion: document.int("terminal", "key_version", range: 0...Int(Int32.max)),
            passphraseFile: document.string("terminal", "passphrase_file", default: "", check: fileCheck),
            paymentTimeoutSeconds: document.int("terminal", "payment_timeout_s", default: 180, range: 120...600),
            requestTimeoutSeconds: document.int("terminal", "request_timeout_s", default: 30, range: 5...120),
            settlementTime: document.string("terminal", "settlement_time", default: "23:30", check: ConfigChecks.clockTime)
        )
    }
}
