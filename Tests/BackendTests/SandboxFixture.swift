import ContributionPolicy
import Foundation
import Hummingbird
import KioskBackendAPI
import KioskCore
import KioskTesting
import Logging
import SandboxBackend

/// A sandbox backend served over real HTTPS with mutual TLS on a free loopback port, and a kiosk
/// client holding a certificate from the test's own CA.
final class SandboxFixture: Sendable {
    let directory: TemporaryDirectory
    let authority: TestCertificateAuthority
    let backend: SandboxBackend
    let client: HTTPSBackendClient
    private let server: TestServer
    var port: Int { server.port }

    static let residentsFile = RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml"
    static let policyDirectory = RepositoryPaths.root + "/Sources/ContributionPolicy/Policies"

    /// Nantong's 2021 window runs 2020-11-01…2020-12-20 (seed 000 line 30).
    /// `serverName` is the name the backend's certificate is for; the client always connects to localhost.
    init(today: String = "2020-11-15", qrLifetime: Duration = .seconds(180), serverCertificateExpired: Bool = false, serverName: String = "localhost") async throws {
        directory = try TemporaryDirectory(prefix: "sandbox")
        authority = try TestCertificateAuthority(name: "kioskd test CA", in: directory)
        let serverCertificate = serverCertificateExpired
            ? try authority.issue(serverName, usage: .server, validFrom: Date() - 7 * 86400, until: Date() - 86400)
            : try authority.issue(serverName, usage: .server)
        backend = try SandboxBackend.load(
            residentsFile: Self.residentsFile, policyDirectory: Self.policyDirectory, databasePath: directory.file("sandbox.sqlite"),
            settings: SandboxSettings(today: CalendarDate(iso: today), qrLifetime: qrLifetime)
        )
        let tls = SandboxServer.TLSFiles(certificateChain: serverCertificate.certificatePath, privateKey: serverCertificate.keyPath, clientCA: authority.certificatePath)
        server = try await TestServer { [backend] onRunning in
            try SandboxServer.application(backend: backend, host: "127.0.0.1", port: 0, tls: tls, logger: Logger(label: "sandbox-test"), onRunning: onRunning)
        }
        client = try HTTPSBackendClient(settings: try Self.clientSettings(port: server.port, authority: authority, directory: directory))
    }

    static func clientSettings(port: Int, authority: TestCertificateAuthority, directory: TemporaryDirectory, certificate: TestCertificateAuthority.Issued? = nil) throws -> BackendClientSettings {
        let issued = try certificate ?? authority.issue("NT-TEST-0001", usage: .client)
        return BackendClientSettings(
            url: "https://localhost:\(port)\(SandboxServer.basePath)", caFile: authority.certificatePath,
            clientCertificate: issued.certificatePath, clientKey: issued.keyPath,
            connectTimeout: .seconds(2), requestTimeout: .seconds(5), retryBaseDelay: .milliseconds(20)
        )
    }

    func shutdown() async {
        await client.shutdown()
        await server.stop()
        directory.remove()
    }
}

/// The demo residents the tests use (Sources/SandboxBackend/Data/residents.toml).
enum DemoResident {
    /// 张建国, Nantong city districts, adult, pays for 张小雨.
    static let zhangJianguo = (id: "320602196005120210", name: "张建国")
    /// 张小雨, Nantong, born 2012, not in school.
    static let zhangXiaoyu = (id: "320602201203080428", name: "张小雨")
    /// 王秀英, Nantong, 低保 (exempt).
    static let wangXiuying = (id: "320611195507200183", name: "王秀英")
}

extension HTTPSBackendClient {
    func person(_ resident: (id: String, name: String)) async throws -> BackendPerson {
        try await resolveIdentity(.typed(.init(method: "typed", idNumber: resident.id, name: resident.name)))
    }
}

/// Runs `body` against a fresh fixture and always shuts it down.
func withSandbox(
    today: String = "2020-11-15", serverCertificateExpired: Bool = false, serverName: String = "localhost",
    _ body: (SandboxFixture) async throws -> Void
) async throws {
    let fixture = try await SandboxFixture(today: today, serverCertificateExpired: serverCertificateExpired, serverName: serverName)
    do {
        try await body(fixture)
    } catch {
        await fixture.shutdown()
        throw error
    }
    await fixture.shutdown()
}
