import ArgumentParser
import Foundation
import KioskCore
import Logging
import SandboxBackend
import ServiceLifecycle

@main
struct KioskBackendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-backend",
        abstract: "The sandbox kiosk backend: residents, the seed notices' policies, simulated payments, e-receipts, fleet configuration.",
        version: KioskVersion.current
    )

    @Option(help: "Residents file (TOML).")
    var residents: String

    @Option(help: "Folder of policy files (one TOML file per region and year).")
    var policy: String

    @Option(help: "The date policies are evaluated on (YYYY-MM-DD); default: today in China.")
    var today: String?

    @Option(help: "HOST:PORT to listen on.")
    var listen: String = "127.0.0.1:8443"

    @Option(help: "Server certificate chain (PEM); with --tls-key and --client-ca serves HTTPS with mutual TLS.")
    var tlsCertificate: String?

    @Option(help: "Server private key (PEM).")
    var tlsKey: String?

    @Option(help: "CA (PEM) that kiosk client certificates must chain to.")
    var clientCa: String?

    @Option(help: "SQLite database file; default: in memory (lost on exit).")
    var database: String?

    @Option(help: "Folder of signed *.bundle.json files (kioskctl config sign) to publish at start; more can be pushed with kioskctl config push --backend.")
    var fleet: String?

    @Option(help: "Seconds an on-screen payment QR stays payable.")
    var qrLifetime: Int = 180

    func validate() throws {
        if let today, CalendarDate(iso: today) == nil { throw ValidationError("--today \(today): not a date of the form YYYY-MM-DD") }
        guard ListenAddress(listen) != nil else { throw ValidationError("--listen \(listen): expected HOST:PORT") }
        let tlsOptions = [tlsCertificate, tlsKey, clientCa].compactMap { $0 }
        if !tlsOptions.isEmpty, tlsOptions.count != 3 { throw ValidationError("--tls-certificate, --tls-key and --client-ca go together") }
        if !(1...3600).contains(qrLifetime) { throw ValidationError("--qr-lifetime \(qrLifetime): expected 1…3600 seconds") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardOutput)
        let logger = Logger(label: "kiosk-backend")
        let settings = SandboxSettings(today: today.flatMap { CalendarDate(iso: $0) }, qrLifetime: .seconds(qrLifetime))
        let backend = try SandboxBackend.load(residentsFile: residents, policyDirectory: policy, databasePath: database, settings: settings)
        if let fleet { try backend.publishBundles(directory: fleet) }
        let tls = tlsCertificate.flatMap { certificate in
            tlsKey.flatMap { key in clientCa.map { SandboxServer.TLSFiles(certificateChain: certificate, privateKey: key, clientCA: $0) } }
        }
        guard let address = ListenAddress(listen) else { throw ValidationError("--listen \(listen): expected HOST:PORT") }
        let application = try SandboxServer.application(backend: backend, host: address.host, port: address.port, tls: tls, logger: logger) { port in
            logger.notice("kiosk-backend ready", metadata: [
                "url": "\(tls == nil ? "http" : "https")://\(address.host):\(port)\(SandboxServer.basePath)",
                "residents": "\(backend.registry.residents.count)", "policies": "\(backend.policies.policies.count)",
            ])
        }
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

struct ListenAddress {
    let host: String
    let port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        if host.isEmpty { return nil }
    }
}
