import Foundation
import KioskBackendAPI
import KioskCore
import KioskTesting
import Testing

@Suite("backend client and sandbox: mutual TLS refusals")
struct MutualTLSTests {
    static func call(_ settings: BackendClientSettings) async -> KioskError? {
        do {
            let client = try HTTPSBackendClient(settings: settings)
            let error = await expectKioskError(.backendTLS) { try await client.person(DemoResident.zhangJianguo) }
            await client.shutdown()
            return error
        } catch {
            Issue.record("client could not be made: \(error)")
            return nil
        }
    }

    @Test("a kiosk certificate from another CA is refused by the backend")
    func foreignClientCertificate() async throws {
        try await withSandbox { sandbox in
            let stranger = try TestCertificateAuthority(name: "stranger CA", in: sandbox.directory)
            let settings = try SandboxFixture.clientSettings(port: sandbox.port, authority: sandbox.authority, directory: sandbox.directory,
                                                             certificate: try stranger.issue("NT-STRANGER", usage: .client))
            await Self.call(settings)
        }
    }

    @Test("an expired kiosk certificate is refused by the backend")
    func expiredClientCertificate() async throws {
        try await withSandbox { sandbox in
            let expired = try sandbox.authority.issue("NT-EXPIRED", usage: .client, validFrom: Date() - 7 * 86400, until: Date() - 86400)
            await Self.call(try SandboxFixture.clientSettings(port: sandbox.port, authority: sandbox.authority, directory: sandbox.directory, certificate: expired))
        }
    }

    @Test("the kiosk refuses a backend whose certificate its CA did not sign")
    func untrustedServer() async throws {
        try await withSandbox { sandbox in
            let other = try TestCertificateAuthority(name: "other CA", in: sandbox.directory)
            var settings = try SandboxFixture.clientSettings(port: sandbox.port, authority: sandbox.authority, directory: sandbox.directory)
            settings.caFile = other.certificatePath
            await Self.call(settings)
        }
    }

    @Test("the kiosk refuses a backend with an expired certificate")
    func expiredServer() async throws {
        try await withSandbox(serverCertificateExpired: true) { sandbox in
            await Self.call(try SandboxFixture.clientSettings(port: sandbox.port, authority: sandbox.authority, directory: sandbox.directory))
        }
    }

    @Test("the kiosk refuses a backend whose certificate, from the trusted CA, names another host")
    func wrongHostname() async throws {
        try await withSandbox(serverName: "other-backend.invalid") { sandbox in
            await Self.call(try SandboxFixture.clientSettings(port: sandbox.port, authority: sandbox.authority, directory: sandbox.directory))
        }
    }

    @Test("missing or unreadable TLS files are a credentials error naming the key")
    func badCredentials() async throws {
        let directory = try TemporaryDirectory(prefix: "tls")
        defer { directory.remove() }
        let garbage = try directory.write("garbage.pem", "not a certificate")
        do {
            _ = try HTTPSBackendClient(settings: .init(url: "https://localhost:1/kiosk/v1", caFile: garbage, clientCertificate: garbage, clientKey: garbage))
            Issue.record("garbage CA accepted")
        } catch {
            #expect(error.code == .backendCredentials)
            #expect(error.message.contains("backend.ca_file"))
        }
        do {
            _ = try HTTPSBackendClient(settings: .init(url: "https://localhost:1/kiosk/v1"))
            Issue.record("https without TLS files accepted")
        } catch {
            #expect(error.code == .backendCredentials)
        }
    }
}
