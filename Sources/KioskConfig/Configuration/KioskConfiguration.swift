import KioskCore

/// The kiosk's configuration, typed. Loaded from kiosk.conf (TOML) by `KioskConfiguration.parse`.
public struct KioskConfiguration: Sendable, Equatable {
    public var kiosk: Kiosk
    public var backend: Backend
    public var devices: Devices
    public var session: Session
    public var payment: Payment
    public var ui: UI
    public var admin: Admin
    public var journal: Journal
    public var updates: Updates
    /// `[terminal]`: the bank-card payment terminal; nil when the section is absent (no `card` method).
    public var terminal: Terminal?

    public struct Kiosk: Sendable, Equatable {
        public var id: String
        /// GB/T 2260 six-digit code of the region whose policy the kiosk applies.
        public var region: String
        public var insuranceYear: Int
        public var locale: String
        /// Operator-assigned version of this configuration; signed bundles must increase it.
        public var configVersion: Int
    }

    public struct Backend: Sendable, Equatable {
        public var url: String
        public var caFile: String
        public var clientCertificate: String
        public var clientKey: String
        public var connectTimeoutMilliseconds: Int
        public var requestTimeoutMilliseconds: Int
    }

    public struct Devices: Sendable, Equatable {
        public var sscReader: ReaderSelector
        public var idcardReader: ReaderSelector
        public var scanner: ScannerSelector
        public var printer: PrinterSelector
        /// Directory of the hardware database (the repository's `Devices/`).
        public var database: String
        /// How long one card command (APDU) may take before the card counts as not responding.
        public var cardCommandTimeoutMilliseconds: Int
        /// The `Devices/printers` profile (file name without .toml): paper width, dpi, PDF or ESC/POS.
        public var printerModel: String = "thermal-80mm"
        /// How long a print job may take, from submission to completed, before the print counts as failed.
        public var printJobTimeoutMilliseconds: Int = 30000
    }

    public struct Session: Sendable, Equatable {
        /// Seconds a resident may leave an identify/confirm/choose screen untouched.
        public var idleTimeoutSeconds: Int
        /// Seconds of "continue?" countdown before the session's data is wiped.
        public var countdownSeconds: Int
        public var payCodeTimeoutSeconds: Int
        public var qrTimeoutSeconds: Int
        public var takeReceiptSeconds: Int
    }

    public struct Payment: Sendable, Equatable {
        public var methods: [PaymentMethod]
        public var maximumAmountFen: Int
        /// Where an on-screen payment QR may point: the payment networks (`payment.qr_url_origins`).
        /// A trust anchor, like `backend.url`: only kiosk.conf changes it, never a bundle.
        public var qrURLOrigins: [URLOrigin]
        /// Where the receipt's verification QR may point (`payment.verification_url_origins`): the
        /// bureau's checking site. None: receipts print their codes without the link. A trust anchor.
        public var verificationURLOrigins: [URLOrigin]

        /// 10 000 yuan: no configuration, kiosk.conf or bundle, lets one payment go above it (an
        /// annual contribution is a few hundred yuan).
        public static let amountCeilingFen = 1_000_000
    }

    public struct UI: Sendable, Equatable {
        public var listenHost: String
        public var listenPort: Int
        /// The folder of the page's static files (index.html, kiosk.js…).
        public var root: String
    }

    public struct Admin: Sendable, Equatable {
        public var socketPath: String
        /// Group that may use the admin socket; empty keeps the daemon's own group.
        public var group: String
    }

    /// The payment terminal (nexo Retailer / Adyen Terminal API, local integration).
    public struct Terminal: Sendable, Equatable {
        /// "host:port" of the terminal on the kiosk's LAN, or "simulated" (the demo's virtual PIN pad, --demo only).
        public var address: String
        /// The name the terminal's certificate is issued to (an Adyen terminal's: "<POIID>.live.terminal.adyen.com").
        public var certificateName: String
        /// The root the terminal's certificate chains to (PEM, under /etc/kioskd/tls/).
        public var caFile: String
        public var poiID: String
        /// The shared key of the local message protection, as set up on the terminal.
        public var keyIdentifier: String
        public var keyVersion: Int
        /// A file holding the key's passphrase (one line, under /etc/kioskd/tls/, readable by kioskd only).
        public var passphraseFile: String
        /// At least 120: a resident may take that long at the PIN pad.
        public var paymentTimeoutSeconds: Int
        public var requestTimeoutSeconds: Int
        /// The daily settlement with the acquirer ("HH:MM", China Standard Time), run between residents.
        public var settlementTime: String

        public var isSimulated: Bool { address == Self.simulated }
        public static let simulated = "simulated"

        /// The demo's virtual PIN pad, used by --demo when kiosk.conf has no `[terminal]`.
        public static func simulatedTerminal(poiID: String = "KIOSKSIM-0001") -> Terminal {
            Terminal(address: simulated, certificateName: "\(poiID).demo.terminal.kioskd", caFile: "", poiID: poiID, keyIdentifier: "kioskd-demo",
                     keyVersion: 1, passphraseFile: "", paymentTimeoutSeconds: 180, requestTimeoutSeconds: 30, settlementTime: "23:30")
        }
    }

    public struct Journal: Sendable, Equatable {
        public var path: String
    }

    public struct Updates: Sendable, Equatable {
        /// Base64 Ed25519 public keys (32 bytes each) trusted to sign configuration bundles.
        public var trustedKeys: [String]
        /// `poll_interval_s`: how often the kiosk reports its state to the fleet (the key keeps its fleet-wide name).
        public var stateReportIntervalSeconds: Int
        /// How long a newly applied configuration has to prove itself healthy before it is rolled back.
        public var healthTimeoutSeconds: Int = 60
        /// Where applied versions and the history of updates are kept (previous versions for rollback).
        public var historyDirectory: String = "/var/lib/kioskd/config"
    }
}
