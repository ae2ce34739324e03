import GRDB

extension SQLitePaymentJournal {
    /// Append new migrations; never edit a shipped one (kiosks in the field hold its result).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: JournalRow.databaseTableName) { table in
                table.primaryKey("idempotencyKey", .text)
                table.column("personRef", .text).notNull()
                table.column("payerRef", .text)
                table.column("year", .integer).notNull()
                table.column("tier", .text).notNull()
                table.column("amountFen", .integer).notNull()
                table.column("method", .text).notNull()
                table.column("paymentID", .text).indexed()
                table.column("state", .text).notNull().indexed()
                table.column("receipt", .text).notNull().indexed()
                table.column("createdAt", .double).notNull()
                table.column("updatedAt", .double).notNull()
                table.column("resolvedAt", .double)
            }
            try db.create(table: ReconciliationRow.databaseTableName) { table in
                table.primaryKey("id", .integer)
                table.column("finishedAt", .double).notNull()
                table.column("examined", .integer).notNull()
                table.column("succeeded", .integer).notNull()
                table.column("failed", .integer).notNull()
                table.column("reversed", .integer).notNull()
                table.column("abandoned", .integer).notNull()
                table.column("stillUnresolved", .integer).notNull()
                table.column("receiptsOwed", .integer).notNull()
            }
        }
        migrator.registerMigration("v2 anomaly") { db in
            // What a backend payment differed in from its intent (field names), for technicians.
            try db.alter(table: JournalRow.databaseTableName) { table in table.add(column: "anomaly", .text) }
        }
        migrator.registerMigration("v3 card approval") { db in
            // The terminal's approval of a card payment (JSON of `CardApproval`: references and the masked PAN only).
            try db.alter(table: JournalRow.databaseTableName) { table in table.add(column: "cardApproval", .text) }
        }
        return migrator
    }
}
