import KioskCore
import NIOCore
import NIOPosix

extension HealthCheck {
    /// The resident session's actor answers a call (`probe` asks it something cheap).
    public static func session(timeout: Duration = .seconds(1), clock: any Clock<Duration>, _ probe: @escaping @Sendable () async -> Void) -> HealthCheck {
        HealthCheck(name: "session", timeout: timeout, clock: clock) { await probe() }
    }

    /// The payment journal answers a read: one lookup by primary key, for a key no payment has.
    public static func journal(_ journal: any PaymentJournal, timeout: Duration = .seconds(2), clock: any Clock<Duration>) -> HealthCheck {
        HealthCheck(name: "journal", timeout: timeout, clock: clock) {
            _ = try await journal.entry(key: "healthz")
        }
    }

    /// The admin socket accepts a connection (kioskctl's way in), asked through NIO so no thread waits.
    public static func adminSocket(path: String, timeout: Duration = .seconds(1), clock: any Clock<Duration>) -> HealthCheck {
        HealthCheck(name: "admin_socket", timeout: timeout, clock: clock) {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(1))
                .connect(unixDomainSocketPath: path)
                .get()
            try? await channel.close().get()
        }
    }
}
