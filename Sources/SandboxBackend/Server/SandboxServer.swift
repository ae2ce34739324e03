import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KioskBackendAPI
import KioskCore
import Logging
import NIOCore
import NIOSSL
import OpenAPIHummingbird

/// The sandbox backend as an HTTP(S) server: the contract under /kiosk/v1, sandbox-only controls under /sandbox.
public enum SandboxServer {
    /// Server TLS: its certificate chain and key, and the CA that client (kiosk) certificates must chain to.
    public struct TLSFiles: Sendable {
        public var certificateChain: String
        public var privateKey: String
        public var clientCA: String

        public init(certificateChain: String, privateKey: String, clientCA: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
            self.clientCA = clientCA
        }
    }

    public static let basePath = "/kiosk/v1"

    public static func router(backend: SandboxBackend, outage: SandboxOutage? = nil) throws -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        if let outage { router.add(middleware: SandboxOutageMiddleware(outage: outage)) }
        guard let serverURL = URL(string: basePath) else { throw KioskError(.sandboxStoreFailed, "bad base path") }
        try SandboxAPI(backend: backend).registerHandlers(on: router, serverURL: serverURL)
        router.get("/sandbox/healthz") { _, _ in "ok" }
        FleetRoutes.register(on: router, backend: backend)
        router.post("/sandbox/payments/:id/qr-paid") { request, context -> Response in
            let id = try context.parameters.require("id")
            let channel = request.uri.queryParameters["channel"].flatMap { PayCode.Channel(rawValue: String($0)) } ?? .wechat
            let paid = try backend.simulateQRPaid(paymentID: id, channel: channel)
            return Response(status: paid ? .noContent : .conflict)
        }
        return router
    }

    /// The server as a Service; `onRunning` gets the bound port (listen on port 0 to let the system pick).
    public static func application(
        backend: SandboxBackend, host: String, port: Int, tls: TLSFiles?, outage: SandboxOutage? = nil, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: serverTLS($0)) } ?? .http1()
        return Application(
            router: try router(backend: backend, outage: outage),
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "kiosk-backend"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    static func serverTLS(_ files: TLSFiles) throws(KioskError) -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain)
            let key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
            let clientCA = try NIOSSLCertificate.fromPEMFile(files.clientCA)
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            configuration.minimumTLSVersion = .tlsv12
            // Kiosks are identified by their client certificate: none, or one not from clientCA, is refused.
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(clientCA)
            return configuration
        } catch {
            throw KioskError(.backendCredentials, "cannot load the sandbox's TLS files (\(files.certificateChain), \(files.privateKey), \(files.clientCA))", cause: error)
        }
    }
}
