import Foundation

/// The kiosk.conf of a kioskd that a test or a benchmark runs: Nantong's 2021 kiosk with its UI on a
/// free loopback port and, beside the admin socket, its journal and configuration history.
public enum TestKioskConf {
    /// Without `backendURL` the backend is unreachable (loopback port 9, nothing listens there).
    public static func text(version: Int = 1, socketPath: String, kioskID: String = "TEST-0001", backendURL: String? = nil,
                            sscReader: String = "Nothing Here*", idcardReader: String = "Nothing Here*", scanner: String = "0c2e:0b61",
                            printer: String = "ipp://127.0.0.1:9/ipp/print", database: String = RepositoryPaths.devicesDatabase) -> String {
        let backend = backendURL.map { "url = \"\($0)\"" } ?? """
            # Port 9 (discard) on loopback: nothing listens, so the backend is unreachable.
            url = "http://127.0.0.1:9/kiosk/v1"
            connect_timeout_ms = 500
            """
        return """
            [kiosk]
            id = "\(kioskID)"
            region = "320600"
            insurance_year = 2021
            config_version = \(version)

            [backend]
            \(backend)

            [devices]
            ssc_reader = "\(sscReader)"
            idcard_reader = "\(idcardReader)"
            scanner = "\(scanner)"
            printer = "\(printer)"
            database = "\(database)"

            [ui]
            listen = "127.0.0.1:0"
            root = "\(RepositoryPaths.uiRoot)"

            [admin]
            socket = "\(socketPath)"
            group = ""

            [journal]
            path = "\(socketPath).journal"

            [updates]
            history_directory = "\(socketPath).config-history"
            """
    }

    /// The port kioskd's resident screen got (the configuration listens on port 0), from kioskd's log.
    public static func uiPort(inLog log: String) throws -> Int {
        guard let range = log.range(of: #"ui_address=http://127\.0\.0\.1:\d+/"#, options: .regularExpression),
              let port = Int(log[range].dropFirst("ui_address=http://127.0.0.1:".count).dropLast()) else {
            throw TestFixtureError("kioskd logged no resident screen address:\n\(log)")
        }
        return port
    }
}
