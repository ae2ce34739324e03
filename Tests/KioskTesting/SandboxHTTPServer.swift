import Foundation
import Hummingbird
import KioskCore
import Logging
import SandboxBackend

/// The real sandbox backend (demo residents, the seed notices' policies, in-memory store) served over
/// plain HTTP on a free loopback port, for tests of the kiosk's side of the contract.
public final class SandboxHTTPServer: Sendable {
    public static let residentsFile = RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml"
    public static let policyDirectory = RepositoryPaths.root + "/Sources/ContributionPolicy/Policies"

    public let backend: SandboxBackend
    private let server: TestServer

    /// `today` fixes the date policies are evaluated on (Nantong 2021's window: 2020-11-01…2020-12-20).
    /// `databasePath` nil keeps the sandbox's store in memory.
    public init(today: String = "2020-11-15", qrLifetime: Duration = .seconds(180), databasePath: String? = nil) async throws {
        let backend = try SandboxBackend.load(
            residentsFile: Self.residentsFile, policyDirectory: Self.policyDirectory, databasePath: databasePath,
            settings: SandboxSettings(today: CalendarDate(iso: today), qrLifetime: qrLifetime)
        )
        self.backend = backend
        server = try await TestServer { onRunning in
            try SandboxServer.application(backend: backend, host: "127.0.0.1", port: 0, tls: nil, logger: Logger(label: "sandbox-test"), onRunning: onRunning)
        }
    }

    public var port: Int { server.port }
    /// The contract's base URL, for `BackendClientSettings(url:)`.
    public var url: String { "http://127.0.0.1:\(server.port)\(SandboxServer.basePath)" }

    public func stop() async {
        await server.stop()
    }
}
