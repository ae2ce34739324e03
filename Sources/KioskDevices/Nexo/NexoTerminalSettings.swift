import Foundation
import KioskCore

/// What the nexo driver needs to talk to one terminal (kiosk.conf `[terminal]`).
public struct NexoTerminalSettings: Sendable {
    /// Where the terminal listens, as an address the kiosk can reach: "192.168.1.20:8443".
    public var address: String
    /// The name the terminal's TLS certificate is issued to, checked in the handshake (an Adyen
    /// terminal's is "<POIID>.<test|live>.terminal.adyen.com"); the kiosk connects to `address` under it.
    public var certificateName: String
    /// The root the terminal's certificate chains to (Adyen's terminal root, or the demo's).
    public var trustRoot: TrustRoot

    public enum TrustRoot: Sendable {
        /// A PEM file (kiosk.conf `terminal.ca_file`).
        case file(String)
        /// PEM text (the demo's terminal, whose root is made at start).
        case pem(String)
    }
    /// The terminal's POIID ("V400m-324688179"), in every message header.
    public var poiID: String
    /// The kiosk's SaleID: its kiosk id.
    public var saleID: String
    public var security: NexoMessageSecurity
    /// How long a Payment may take: the resident at the PIN pad, then the acquirer. Adyen asks for at
    /// least 120 s; a shorter wait turns slow residents into unknown outcomes.
    public var paymentTimeout: Duration
    /// Every other request.
    public var requestTimeout: Duration
    public var connectTimeout: Duration

    public init(address: String, certificateName: String, trustRoot: TrustRoot, poiID: String, saleID: String, security: NexoMessageSecurity,
                paymentTimeout: Duration = .seconds(180), requestTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(5)) {
        self.address = address
        self.certificateName = certificateName
        self.trustRoot = trustRoot
        self.poiID = poiID
        self.saleID = saleID
        self.security = security
        self.paymentTimeout = paymentTimeout
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
    }
}
