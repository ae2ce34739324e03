import Glibc
import Hummingbird
import KioskConfig
import KioskCore
import Logging
import ServiceLifecycle

/// The admin API on a unix socket (mode 0660, group from `[admin] group`).
public enum AdminServer {
    /// Builds the server; `onReady` runs once the socket is bound and its permissions are set.
    public static func make(
        settings: KioskConfiguration.Admin,
        status: some StatusReporting,
        cards: (any CardDiagnostics)? = nil,
        scanner: (any ScannerDiagnostics)? = nil,
        printer: (any PrinterDiagnostics)? = nil,
        observability: Observability? = nil,
        maintenance: (any MaintenanceControl)? = nil, configuration: (any ConfigurationControl)? = nil,
        screen: ResidentServiceTools? = nil,
        terminal: (any TerminalControl)? = nil,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger,
        audit: Logger,
        onReady: @escaping @Sendable () async -> Void
    ) throws(KioskError) -> some Service {
        let groupID = try groupID(named: settings.group)
        try createParentDirectory(of: settings.socketPath)
        let path = settings.socketPath
        return Application(
            router: AdminAuditResponder(
                routes: AdminRouter.make(status: status, cards: cards, scanner: scanner, printer: printer, observability: observability,
                                         maintenance: maintenance, configuration: configuration, screen: screen, terminal: terminal,
                                         clock: clock).buildResponder(),
                audit: audit, clock: clock
            ),
            configuration: .init(address: .unixDomainSocket(path: path), serverName: "kioskd-admin"),
            onServerRunning: { _ in
                if chmod(path, 0o660) != 0 { logger.error("chmod 0660 on admin socket failed", metadata: [LogKey.errno: "\(errno)"]) }
                if let groupID, chown(path, UInt32.max, groupID) != 0 {
                    logger.error("chown of admin socket to its group failed", metadata: [LogKey.errno: "\(errno)"])
                }
                await onReady()
            },
            logger: logger
        )
    }

    static func groupID(named name: String) throws(KioskError) -> gid_t? {
        guard !name.isEmpty else { return nil }
        guard let entry = getgrnam(name) else {
            throw KioskError(.adminGroupUnknown, "admin.group: group \"\(name)\" does not exist on this machine (create it, or set group = \"\")")
        }
        return entry.pointee.gr_gid
    }

    static func createParentDirectory(of path: String) throws(KioskError) {
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        guard !parent.isEmpty else { return }
        var info = stat()
        if stat(parent, &info) == 0 { return }
        guard mkdir(parent, 0o750) == 0 || errno == EEXIST else {
            throw KioskError(.adminSocketUnavailable, "cannot create \(parent) for the admin socket: \(String(cString: strerror(errno)))")
        }
    }
}
