/// A kioskd process started by a test or a benchmark: its own configuration, admin socket and notify
/// socket. For what only a process shows (signals, sd_notify, exit codes, socket activation, real devices).
public final class DaemonFixture: @unchecked Sendable {
    public let work: TemporaryDirectory
    public let configPath: String
    public let socketPath: String
    public let notify: NotifySocket
    public let daemon: ChildProcess

    /// `configuration` makes the kiosk.conf from the admin socket's path; default: `configuration(version: 1, …)`.
    public init(extraEnvironment: [String: String] = [:], arguments: [String] = [], configuration: ((String) -> String)? = nil) throws {
        work = try TemporaryDirectory(prefix: "kioskd")
        socketPath = work.file("admin.sock")
        configPath = try work.write("kiosk.conf", configuration?(socketPath) ?? Self.configuration(version: 1, socketPath: socketPath))
        notify = try NotifySocket(directory: work)
        daemon = try ChildProcess(
            RepositoryPaths.binary("kioskd"), ["--config", configPath] + arguments,
            environment: ["NOTIFY_SOCKET": notify.path].merging(extraEnvironment) { _, new in new },
            workDirectory: work
        )
    }

    public static func configuration(version: Int, socketPath: String) -> String {
        TestKioskConf.text(version: version, socketPath: socketPath)
    }

    /// The port kioskd's resident UI got (the configuration listens on port 0), from its log.
    public func uiPort() throws -> Int {
        try TestKioskConf.uiPort(inLog: daemon.standardOutput)
    }

    public func stop() {
        daemon.stop()
        work.remove()
    }
}
