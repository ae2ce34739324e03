import Foundation
import KioskCore

/// One line of the configuration history (`kioskctl config history`).
public struct ConfigHistoryEntry: Sendable, Codable, Equatable {
    public enum Event: String, Sendable, Codable {
        /// Written and reloaded; its health is being checked.
        case applied
        /// Passed its health checks.
        case healthy
        /// Refused before anything changed: signature, key, target, expiry, version or content.
        case refused
        /// Verified and queued: applied once no resident is being served.
        case accepted
        /// The previous configuration was restored: health checks failed, or a technician asked.
        case rolledBack
        /// kiosk.conf reloaded after a local edit (SIGHUP).
        case reloaded
        /// kioskd stopped in the middle of writing kiosk.conf; the half-written copy was removed.
        case interrupted
    }

    public enum Source: String, Sendable, Codable {
        case push, fleet, rollback, health, sighup, startup
    }

    public var at: Date
    public var event: Event
    public var source: Source
    public var version: Int?
    /// The version running before this event.
    public var previousVersion: Int?
    /// The signing key of the bundle (base64 public key).
    public var keyID: String?
    /// What reloaded, or why it was refused or rolled back.
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case at, event, source, version, detail
        case previousVersion = "previous_version"
        case keyID = "key_id"
    }

    public init(at: Date, event: Event, source: Source, version: Int? = nil, previousVersion: Int? = nil, keyID: String? = nil, detail: String? = nil) {
        self.at = at
        self.event = event
        self.source = source
        self.version = version
        self.previousVersion = previousVersion
        self.keyID = keyID
        self.detail = detail
    }
}
