import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import Logging

/// The kiosk's nexo driver and the virtual PIN pad, over real HTTPS on a loopback port with the
/// protected messages: what `kioskd --demo` runs, and what a nexo terminal on the LAN looks like.
public struct NexoTerminalStack: Sendable {
    public static let poiID = "V400m-324688179"
    public static let saleID = "KIOSK0001"
    public static let certificateName = "V400m-324688179.test.terminal.adyen.com"

    public let pad: SimulatedPaymentTerminal
    public let server: SimulatedTerminalServer
    public let transport: HTTPSNexoTransport
    public let terminal: NexoTerminal
    public let credentials: SimulatedTerminalCredentials

    /// `kioskPassphrase` / `kioskCertificateName` / `kioskRoot`: what the kiosk is configured with, when a test
    /// wants it to differ from the terminal's.
    public static func start(kioskPassphrase: String? = nil, kioskCertificateName: String? = nil, kioskRoot: String? = nil,
                      paymentTimeout: Duration = .seconds(180), makeServiceID: @escaping @Sendable () -> String = NexoTerminal.randomServiceID) async throws -> NexoTerminalStack {
        let credentials = try SimulatedTerminalCredentials.generate(certificateName: certificateName, now: Date())
        let padSecurity = try NexoMessageSecurity(keyIdentifier: "kioskd-test", keyVersion: 1, passphrase: credentials.passphrase)
        let pad = SimulatedPaymentTerminal(poiID: poiID)
        let server = try await SimulatedTerminalServer.start(terminal: pad, credentials: credentials, security: padSecurity, logger: Logger(label: "pad"))
        let kioskSecurity = try NexoMessageSecurity(keyIdentifier: "kioskd-test", keyVersion: 1, passphrase: kioskPassphrase ?? credentials.passphrase)
        let settings = NexoTerminalSettings(
            address: "127.0.0.1:\(server.port)", certificateName: kioskCertificateName ?? certificateName,
            trustRoot: .pem(kioskRoot ?? credentials.rootPEM), poiID: poiID, saleID: saleID, security: kioskSecurity,
            paymentTimeout: paymentTimeout, requestTimeout: .seconds(30)
        )
        let transport = try HTTPSNexoTransport(settings: settings)
        let terminal = NexoTerminal(settings: settings, transport: transport, softwareVersion: "test", makeServiceID: makeServiceID)
        return NexoTerminalStack(pad: pad, server: server, transport: transport, terminal: terminal, credentials: credentials)
    }

    public func stop() async {
        await transport.shutdown()
        await server.stop()
    }

    /// A payment as the session asks for it: the key is the SaleTransactionID, its ServiceID derived from it.
    public static func request(_ amount: Money = .yuan(430), key: String = "kiosk-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")) -> TerminalPaymentRequest {
        TerminalPaymentRequest(transactionID: key, createdAt: Date(), amount: amount)
    }
}

/// Runs `body` with a started stack and stops it afterwards, whatever happened.
public func withNexoStack<T>(_ stack: NexoTerminalStack, _ body: (NexoTerminalStack) async throws -> T) async throws -> T {
    do {
        let result = try await body(stack)
        await stack.stop()
        return result
    } catch {
        await stack.stop()
        throw error
    }
}
