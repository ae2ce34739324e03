import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import NIOCore
import NIOPosix

/// Whether the backend's host accepts a TCP connection, within the configured connect timeout.
public struct BackendReachabilityProbe: Sendable {
    public let settings: KioskConfiguration.Backend

    public init(settings: KioskConfiguration.Backend) {
        self.settings = settings
    }

    public func check() async -> BackendReachability {
        guard let url = URL(string: settings.url), let host = url.host else {
            return BackendReachability(url: settings.url, reachable: false, detail: "backend.url has no host")
        }
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(Int64(settings.connectTimeoutMilliseconds)))
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            try? await channel.close()
            return BackendReachability(url: settings.url, reachable: true, detail: "TCP connection to \(host):\(port) accepted")
        } catch {
            return BackendReachability(url: settings.url, reachable: false, detail: "cannot connect to \(host):\(port): \(error)")
        }
    }
}
