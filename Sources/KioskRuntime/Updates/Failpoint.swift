import Foundation
import KioskCore
import Logging

/// Crash-safety tests stop kioskd at a chosen point: `KIOSKD_FAILPOINT=config-before-rename` holds
/// the updater once the new kiosk.conf is durable and before it replaces the old one, so a test can
/// kill kioskd exactly there. Unset (always, in production) it does nothing.
enum Failpoint {
    static let variable = "KIOSKD_FAILPOINT"

    static func hold(at name: String, environment: [String: String], logger: Logger) -> @Sendable () -> Void {
        guard environment[variable] == name else { return {} }
        return {
            logger.warning("failpoint reached: holding here until killed", metadata: [LogKey.failpoint: "\(name)"])
            while true { sleep(3600) }
        }
    }
}
