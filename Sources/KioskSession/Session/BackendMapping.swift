import KioskBackendAPI
import KioskCore

// The boundary between the backend contract's types and the kiosk's domain: claims and requests
// out, people, enrollments, payments and problems in. Nothing else maps generated types.

extension IdentityClaim {
    /// The contract's claim: personal data travels only in this request body.
    var backendClaim: BackendIdentityClaim {
        switch self {
        case .socialSecurityCard(let cardNumber, let idNumber, let name):
            .ssc(.init(method: method, cardNumber: cardNumber, idNumber: idNumber, name: name))
        case .idCard(let idNumber, let name):
            .idCard(.init(method: method, idNumber: idNumber, name: name))
        case .typed(let idNumber, let name):
            .typed(.init(method: method, idNumber: idNumber, name: name))
        case .esscToken(let token):
            .essc(.init(method: method, token: token))
        }
    }
}

extension Person {
    init(_ person: BackendPerson) {
        self.init(
            personRef: person.personRef, maskedName: person.maskedName, maskedIDNumber: person.maskedIdNumber, region: person.region,
            paysFor: person.paysFor.map { SessionRelative(personRef: $0.personRef, maskedName: $0.maskedName, relation: $0.relation) }
        )
    }
}

extension Enrollment {
    init(_ enrollment: BackendEnrollment) {
        self.init(
            personRef: enrollment.personRef, year: enrollment.year, region: enrollment.region,
            policyTitle: BackendText.required(enrollment.policyTitle, limit: BackendText.labelLimit),
            status: Status(enrollment.status), categoryLabel: BackendText.required(enrollment.category.label, limit: BackendText.labelLimit),
            tiers: enrollment.tiers.map(Tier.init), defaultTierID: enrollment.defaultTier,
            relief: enrollment.relief.map(EnrollmentRelief.init),
            window: EnrollmentWindow(
                phase: EnrollmentWindow.Phase(enrollment.window.phase),
                opens: enrollment.window.opens.flatMap(CalendarDate.init(iso:)),
                closes: enrollment.window.closes.flatMap(CalendarDate.init(iso:))
            ),
            notes: enrollment.notes.prefix(BackendText.noteLimit).compactMap { BackendText.line($0, limit: BackendText.sentenceLimit) },
            paidPaymentID: enrollment.paidPaymentId, openPaymentID: enrollment.openPaymentId
        )
    }
}

extension Enrollment.Status {
    init(_ status: BackendEnrollment.StatusPayload) {
        switch status {
        case .payable: self = .payable
        case .paid: self = .paid
        case .exempt: self = .exempt
        case .paymentInProgress: self = .paymentInProgress
        }
    }
}

extension Tier {
    init(_ tier: Components.Schemas.Tier) {
        self.init(
            id: tier.id, label: BackendText.required(tier.label, limit: BackendText.labelLimit), amount: Money(fen: tier.amountFen),
            components: tier.components.map {
                AmountComponent(label: BackendText.required($0.label, limit: BackendText.labelLimit), amount: Money(fen: $0.amountFen), included: $0.included)
            },
            relief: Money(fen: tier.reliefFen), surcharge: Money(fen: tier.surchargeFen), due: Money(fen: tier.dueFen)
        )
    }
}

extension EnrollmentRelief {
    init(_ relief: Components.Schemas.Relief) {
        let kind: Kind = switch relief.kind {
        case .exemption: .exemption
        case .aid: .aid
        case .aidCreditedLater: .aidCreditedLater
        }
        self.init(kind: kind, label: BackendText.required(relief.label, limit: BackendText.labelLimit),
                  description: BackendText.required(relief.description, limit: BackendText.sentenceLimit))
    }
}

extension EnrollmentWindow.Phase {
    init(_ phase: Components.Schemas.Window.PhasePayload) {
        switch phase {
        case .centralized: self = .centralized
        case .midYear: self = .midYear
        case .newborn: self = .newborn
        case .late: self = .late
        }
    }
}

extension PaymentOrder {
    func backendRequest(kioskID: String, payCode: PayCode?, card: CardApproval? = nil) -> BackendPaymentRequest {
        BackendPaymentRequest(
            personRef: personRef, payerRef: payerRef, year: year, tier: tierID, amountFen: amount.fen,
            method: Components.Schemas.PaymentMethod(method), payCode: payCode?.value, card: card.map(Components.Schemas.CardPayment.init),
            kioskId: kioskID
        )
    }
}

extension Components.Schemas.PaymentMethod {
    init(_ method: PaymentMethod) {
        switch method {
        case .payCode: self = .paycode
        case .onScreenQR: self = .qr
        case .card: self = .card
        }
    }
}

extension PaymentMethod {
    init(_ method: Components.Schemas.PaymentMethod) {
        switch method {
        case .paycode: self = .payCode
        case .qr: self = .onScreenQR
        case .card: self = .card
        }
    }
}

extension Components.Schemas.CardPayment {
    /// What the backend records of an approved card payment: references and the masked number only.
    init(_ approval: CardApproval) {
        self.init(
            terminalTransactionId: approval.terminalTransactionID, terminalTimestamp: approval.terminalTimeStamp,
            maskedPan: CardApproval.masked(approval.maskedPAN), authCode: approval.authCode,
            acquirerReference: approval.acquirerReference, brand: approval.brand
        )
    }
}

extension PaymentSnapshot {
    init(_ payment: BackendPayment) {
        self.init(
            paymentID: payment.paymentId, status: Status(payment.status), amount: Money(fen: payment.amountFen),
            method: PaymentMethod(payment.method),
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
            paidForOther: paidForOther, receiptAvailable: payment.receiptAvailable, maskedPAN: payment.card.map { CardApproval.masked($0.maskedPan) }
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
        card = receipt.card.map {
            CardOnReceipt(maskedPAN: $0.maskedPan, authCode: $0.authCode.map { BackendText.line($0, limit: BackendText.labelLimit) ?? "" },
                          reference: $0.acquirerReference.map { BackendText.line($0, limit: BackendText.labelLimit) ?? "" })
        }
    }
}

extension SessionProblem {
    /// A backend failure as the session sees it: a problem answer carries the contract's code (and
    /// Chinese text); anything else (timeout, connection lost, 5xx) may have taken effect.
    init(backend error: KioskError) {
        if let problem = error.backendProblem {
            self.init(problem.listedCode, backendMessage: BackendText.line(problem.messageZh, limit: BackendText.sentenceLimit),
                      isUncertain: problem.status >= 500)
        } else {
            self.init(error.code, isUncertain: true)
        }
    }

    /// A device or journal failure: its own code; nothing reached the backend.
    init(local error: KioskError) {
        self.init(error.code)
    }
}

extension SessionProblem {
    /// A payment terminal's error: uncertain when the request may have reached the terminal and its
    /// answer was lost (then the payment is asked about, never sent again).
    init(terminal error: KioskError) {
        self.init(error.code, isUncertain: error.code == .terminalNoAnswer || error.code == .terminalMalformed)
    }
}
