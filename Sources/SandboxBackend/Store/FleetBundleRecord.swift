import Foundation
import GRDB
import KioskConfig
import KioskCore

/// One signed bundle an operator published, with the kiosks and regions it is for.
struct FleetBundleRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "fleetBundle"

    var id: Int64?
    var version: Int
    /// JSON arrays of kiosk ids and region codes.
    var kiosks: String
    var regions: String
    var expiresAt: Date
    var bundle: Data
    var etag: String
    var publishedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var target: BundleTarget {
        BundleTarget(kiosks: Self.list(kiosks), regions: Self.list(regions))
    }

    static func list(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    static func json(_ list: [String]) -> String {
        (try? JSONEncoder().encode(list)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }
}
