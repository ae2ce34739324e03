import KioskCore
import NIOCore
import NIOPosix

extension HealthCheck {
    /// The resident session's actor answers a call (`probe` asks it something cheap).
    public static func session(timeout: Duration = .seconds(1), _ probe: @escaping @Sendable () async -> Void) -> HealthCheck {
        HealthCheck(name: "session", timeout: timeout) { await probe() }
    }

    /// The payment journal answers a read: one lookup by primary key, for a key no payment has.
    public static func journal(_ journal: any PaymentJournal, timeout: Duration = .seconds(2)) -> HealthCheck {
        HealthCheck(name: "journal", timeout: timeout) {
            _ = try await journal.entry(key: "healthz")
        }
    }

    /// The admin socket accepts a connection (kioskctl's way in), asked through NIO so no thread waits.
    public static func adminSocket(path: String, timeout: Duration = .seconds(1)) -> HealthCheck {
        HealthCheck(name: "admin_socket", timeout: timeout) {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(1))
                .connect(unixDomainSocketPath: path)
                .get()
            try? await channel.close().get()
        }
    }
}
