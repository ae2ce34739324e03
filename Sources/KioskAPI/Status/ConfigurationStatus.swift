import Foundation
import KioskCore

/// Where a kiosk's configuration stands (`kioskctl config show`, `GET /v1/config`).
public struct ConfigurationStatus: Sendable, Codable, Equatable {
    /// How the newest configuration change went; also what the kiosk reports to the backend.
    public enum State: String, Sendable, Codable {
        case healthy, pending, verifying, rolledBack, refused
    }

    public struct Desired: Sendable, Codable, Equatable {
        /// The newest bundle version the backend offers this kiosk (nil: none published).
        public var version: Int?
        public var etag: String?
        public var checkedAt: Date?
        /// Why the last poll failed.
        public var problem: String?

        enum CodingKeys: String, CodingKey {
            case version, etag, problem
            case checkedAt = "checked_at"
        }

        public init(version: Int? = nil, etag: String? = nil, checkedAt: Date? = nil, problem: String? = nil) {
            self.version = version
            self.etag = etag
            self.checkedAt = checkedAt
            self.problem = problem
        }
    }

    public var version: Int
    public var path: String
    /// The signing key of the bundle the running configuration came in; nil: a local file.
    public var keyID: String?
    public var appliedAt: Date?
    public var state: State
    public var detail: String?
    /// A bundle accepted and waiting for the resident's session to end.
    public var pendingVersion: Int?
    /// The highest version ever applied: a bundle must be above it.
    public var highestVersion: Int
    public var trustedKeys: Int
    public var desired: Desired

    enum CodingKeys: String, CodingKey {
        case version, path, state, detail, desired
        case keyID = "key_id"
        case appliedAt = "applied_at"
        case pendingVersion = "pending_version"
        case highestVersion = "highest_version"
        case trustedKeys = "trusted_keys"
    }

    public init(version: Int, path: String, keyID: String?, appliedAt: Date?, state: State, detail: String?, pendingVersion: Int?,
                highestVersion: Int, trustedKeys: Int, desired: Desired) {
        self.version = version
        self.path = path
        self.keyID = keyID
        self.appliedAt = appliedAt
        self.state = state
        self.detail = detail
        self.pendingVersion = pendingVersion
        self.highestVersion = highestVersion
        self.trustedKeys = trustedKeys
        self.desired = desired
    }

    /// Nothing under way: no bundle waiting for a session to end, none being checked.
    public var isSettled: Bool { pendingVersion == nil && state != .pending && state != .verifying }
}
