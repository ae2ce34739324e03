import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskSimulators
import Logging

/// The payment terminal kiosk.conf names: a nexo terminal on the LAN; or, with --demo and no
/// `[terminal]` (or `address = "simulated"`), the virtual PIN pad on a loopback port. Both are
/// driven by the same `NexoTerminal` over HTTPS with protected messages.
struct PaymentTerminalSetup: Sendable {
    let terminal: (any PaymentTerminal)?
    /// With --demo: the virtual PIN pad the demo panel presents cards and types PINs on.
    let simulator: SimulatedTerminalServer?
    /// Why there is no terminal although `[terminal]` names one (shown by `kioskctl status`).
    let unavailableReason: String?

    static let none = PaymentTerminalSetup(terminal: nil, simulator: nil, unavailableReason: nil)

    static func make(_ configuration: KioskConfiguration.Terminal?, kioskID: String, demo: Bool, clock: any Clock<Duration>, wallClock: WallClock,
                     logger: Logger, teardown: Teardown) async throws -> PaymentTerminalSetup {
        guard let configuration else { return .none }
        if configuration.isSimulated {
            guard demo else {
                logger.error("terminal.address = \"simulated\" is the demo's virtual PIN pad: no card payments without --demo")
                return PaymentTerminalSetup(terminal: nil, simulator: nil, unavailableReason: "terminal.address is \"simulated\" (kioskd --demo only)")
            }
            return try await simulated(configuration, kioskID: kioskID, clock: clock, wallClock: wallClock, logger: logger, teardown: teardown)
        }
        let passphrase = try readPassphrase(configuration.passphraseFile)
        let security: NexoMessageSecurity
        do {
            security = try NexoMessageSecurity(keyIdentifier: configuration.keyIdentifier, keyVersion: configuration.keyVersion, passphrase: passphrase)
        } catch {
            throw KioskError(.terminalCredentials, "terminal.passphrase_file \(configuration.passphraseFile): \(error)")
        }
        let settings = NexoTerminalSettings(
            address: configuration.address, certificateName: configuration.certificateName, trustRoot: .file(configuration.caFile),
            poiID: configuration.poiID, saleID: kioskID, security: security,
            paymentTimeout: .seconds(configuration.paymentTimeoutSeconds), requestTimeout: .seconds(configuration.requestTimeoutSeconds)
        )
        let transport = try HTTPSNexoTransport(settings: settings)
        teardown.add { await transport.shutdown() }
        return PaymentTerminalSetup(
            terminal: NexoTerminal(settings: settings, transport: transport, softwareVersion: KioskVersion.current, now: wallClock.now),
            simulator: nil, unavailableReason: nil
        )
    }

    private static func simulated(_ configuration: KioskConfiguration.Terminal, kioskID: String, clock: any Clock<Duration>, wallClock: WallClock,
                                  logger: Logger, teardown: Teardown) async throws -> PaymentTerminalSetup {
        let credentials = try SimulatedTerminalCredentials.generate(certificateName: configuration.certificateName, now: wallClock.now())
        let security = try NexoMessageSecurity(keyIdentifier: configuration.keyIdentifier, keyVersion: configuration.keyVersion, passphrase: credentials.passphrase)
        let pad = SimulatedPaymentTerminal(poiID: configuration.poiID, clock: clock, now: wallClock.now)
        let server = try await SimulatedTerminalServer.start(terminal: pad, credentials: credentials, security: security, logger: logger)
        teardown.add { await server.stop() }
        let settings = NexoTerminalSettings(
            address: "127.0.0.1:\(server.port)", certificateName: configuration.certificateName, trustRoot: .pem(credentials.rootPEM),
            poiID: configuration.poiID, saleID: kioskID, security: security,
            paymentTimeout: .seconds(configuration.paymentTimeoutSeconds), requestTimeout: .seconds(configuration.requestTimeoutSeconds)
        )
        let transport = try HTTPSNexoTransport(settings: settings)
        teardown.add { await transport.shutdown() }
        logger.notice("simulated payment terminal ready", metadata: [LogKey.terminalPOIID: "\(configuration.poiID)", LogKey.port: "\(server.port)"])
        return PaymentTerminalSetup(
            terminal: NexoTerminal(settings: settings, transport: transport, softwareVersion: KioskVersion.current, now: wallClock.now),
            simulator: server, unavailableReason: nil
        )
    }

    /// The passphrase file's first line.
    static func readPassphrase(_ path: String) throws(KioskError) -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KioskError(.terminalCredentials, "cannot read terminal.passphrase_file \(path): \(error.localizedDescription)")
        }
        let passphrase = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !passphrase.isEmpty else { throw KioskError(.terminalCredentials, "terminal.passphrase_file \(path) is empty") }
        return passphrase
    }
}
