import Crypto
import Foundation
import GRDB

extension SandboxBackend {
    /// Issues the 社会保险费电子票据 of a succeeded payment once: 票据代码 = region + year's last two
    /// digits (8 digits), 票据号码 = the code's next number (10 digits), 校验码 = keyed hash of both and the amount.
    func issueReceipt(for payment: PaymentRecord, db: Database) throws {
        guard try ReceiptRecord.fetchOne(db, key: payment.id) == nil else { return }
        let region = registry.resident(reference: payment.personRef)?.hukouRegion ?? "000000"
        let code = region + String(format: "%02d", payment.year % 100)
        let previous = try String.fetchOne(db, sql: "SELECT max(number) FROM receipt WHERE code = ?", arguments: [code])
        let number = String(format: "%010d", (previous.flatMap { Int($0) } ?? 0) + 1)
        try ReceiptRecord(paymentId: payment.id, code: code, number: number, checkCode: checkCode(code: code, number: number, amountFen: payment.amountFen),
                          issuedAt: payment.completedAt ?? settings.wallClock.now()).insert(db)
    }

    func checkCode(code: String, number: String, amountFen: Int64) -> String {
        let key = SymmetricKey(data: Data(settings.receiptSecret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(code)|\(number)|\(amountFen)".utf8), using: key)
        return mac.prefix(3).map { String(format: "%02x", $0) }.joined()
    }

    func receipt(paymentID: String) throws -> (PaymentRecord, ReceiptRecord)? {
        try store.queue.read { db in
            guard let payment = try PaymentRecord.fetchOne(db, key: paymentID), let receipt = try ReceiptRecord.fetchOne(db, key: paymentID) else { return nil }
            return (payment, receipt)
        }
    }
}
