import Foundation
import GRDB
import KioskCore

/// The sandbox's SQLite database: payments, receipts, idempotency records, kiosk states and configurations.
public final class SandboxStore: Sendable {
    let queue: DatabaseQueue

    /// `path` nil keeps everything in memory (tests, demo).
    public init(path: String?) throws(KioskError) {
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // In memory, journal_mode stays "memory": the pragma is harmless there.
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            queue = try path.map { try DatabaseQueue(path: $0, configuration: configuration) } ?? DatabaseQueue(configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw KioskError(.sandboxStoreFailed, "cannot open the sandbox database \(path ?? "(memory)")", cause: error)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "payment") { table in
                table.primaryKey("id", .text)
                table.column("personRef", .text).notNull().indexed()
                table.column("payerRef", .text).indexed()
                table.column("year", .integer).notNull()
                table.column("tier", .text).notNull()
                table.column("amountFen", .integer).notNull()
                table.column("method", .text).notNull()
                table.column("channel", .text)
                table.column("status", .text).notNull()
                table.column("scenario", .text).notNull()
                table.column("queryCount", .integer).notNull()
                table.column("failureCode", .text)
                table.column("failureMessage", .text)
                table.column("qrExpiresAt", .datetime)
                table.column("createdAt", .datetime).notNull()
                table.column("completedAt", .datetime)
                table.column("kioskId", .text).notNull()
                table.column("businessDate", .text).notNull()
                table.column("itemLabel", .text).notNull()
            }
            try db.create(table: "receipt") { table in
                table.primaryKey("paymentId", .text).references("payment")
                table.column("code", .text).notNull()
                table.column("number", .text).notNull()
                table.column("checkCode", .text).notNull()
                table.column("issuedAt", .datetime).notNull()
                table.uniqueKey(["code", "number"])
            }
            try db.create(table: "idempotency") { table in
                table.column("key", .text).notNull()
                table.column("operation", .text).notNull()
                table.column("requestHash", .text).notNull()
                table.column("responseStatus", .integer).notNull()
                table.column("responseBody", .blob).notNull()
                table.column("createdAt", .datetime).notNull()
                table.primaryKey(["key", "operation"])
            }
            try db.create(table: "kioskState") { table in
                table.primaryKey("kioskId", .text)
                table.column("reportedAt", .datetime).notNull()
                table.column("report", .blob).notNull()
            }
            try db.create(table: "kioskConfiguration") { table in
                table.primaryKey("kioskId", .text)
                table.column("configVersion", .integer).notNull()
                table.column("document", .text).notNull()
                table.column("signature", .text).notNull()
                table.column("keyId", .text).notNull()
                table.column("etag", .text).notNull()
            }
        }
        migrator.registerMigration("v2 signed bundles") { db in
            // The backend no longer signs per-kiosk documents: operators sign bundles, the backend serves them.
            try db.drop(table: "kioskConfiguration")
            try db.create(table: "fleetBundle") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("version", .integer).notNull()
                table.column("kiosks", .text).notNull()
                table.column("regions", .text).notNull()
                table.column("expiresAt", .datetime).notNull()
                table.column("bundle", .blob).notNull()
                table.column("etag", .text).notNull()
                table.column("publishedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3 card payments") { db in
            try db.alter(table: "payment") { table in table.add(column: "card", .text) }
        }
        return migrator
    }
}
