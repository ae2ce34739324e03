import KioskBackendAPI
import KioskCore

extension PaymentOrder {
    func backendRequest(kioskID: String, payCode: PayCode?) -> BackendPaymentRequest {
        BackendPaymentRequest(
            personRef: personRef, payerRef: payerRef, year: year, tier: tierID, amountFen: amount.fen,
            method: method == .payCode ? .paycode : .qr, payCode: payCode?.value, kioskId: kioskID
        )
    }
}

extension PaymentSnapshot {
    init(_ payment: BackendPayment) {
        self.init(
            paymentID: payment.paymentId, status: Status(payment.status), amount: Money(fen: payment.amountFen),
            method: payment.method == .paycode ? .payCode : .onScreenQR,
            channel: payment.channel.flatMap { PayCode.Channel(rawValue: $0.rawValue) },
            failureMessage: BackendText.line(payment.failureMessageZh, limit: BackendText.sentenceLimit), qrURL: BackendText.qrURL(payment.qrUrl),
            qrExpiresAt: payment.qrExpiresAt,
            personRef: payment.personRef, year: payment.year, tierID: payment.tier
        )
    }
}

extension PaymentSnapshot.Status {
    init(_ status: Components.Schemas.PaymentStatus) {
        switch status {
        case .pending: self = .pending
        case .userPaying: self = .userPaying
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .unknown: self = .unknown
        case .reversed: self = .reversed
        case .expired: self = .expired
        }
    }
}

extension PaymentHistoryEntry {
    init(_ payment: BackendPayment, paidForOther: Bool) {
        let snapshot = PaymentSnapshot(payment)
        self.init(
            paymentID: payment.paymentId, personRef: payment.personRef, year: payment.year, tierID: payment.tier,
            amount: snapshot.amount, status: snapshot.status, channel: snapshot.channel, createdAt: payment.createdAt,
            paidForOther: paidForOther, receiptAvailable: payment.receiptAvailable
        )
    }

    /// Own payments first, then those made for others; each list newest first, as the backend gives them.
    static func history(_ list: BackendPaymentList) -> [PaymentHistoryEntry] {
        list.own.map { Self($0, paidForOther: false) } + list.forOthers.map { Self($0, paidForOther: true) }
    }
}

extension ElectronicReceipt {
    init(_ receipt: BackendReceipt) {
        self.init(
            title: BackendText.required(receipt.title, limit: BackendText.labelLimit), receiptCode: receipt.receiptCode,
            receiptNumber: receipt.receiptNumber, checkCode: receipt.checkCode,
            payerMaskedName: BackendText.required(receipt.payerMaskedName, limit: BackendText.labelLimit),
            payerMaskedIDNumber: BackendText.required(receipt.payerMaskedIdNumber, limit: BackendText.labelLimit),
            items: receipt.items.map { Item(label: BackendText.required($0.label, limit: BackendText.labelLimit), amount: Money(fen: $0.amountFen)) },
            total: Money(fen: receipt.totalFen), issuer: BackendText.required(receipt.issuer, limit: BackendText.labelLimit),
            issuedAt: receipt.issuedAt, paymentID: receipt.paymentId, kioskID: receipt.kioskId,
            channel: receipt.channel, verificationURL: BackendText.qrURL(receipt.verificationUrl) ?? ""
        )
    }
}
