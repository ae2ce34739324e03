import KioskBackendAPI
import KioskCore

extension SessionEnrollment {
    init(_ enrollment: BackendEnrollment) {
        self.init(
            personRef: enrollment.personRef, year: enrollment.year, region: enrollment.region,
            policyTitle: BackendText.required(enrollment.policyTitle, limit: BackendText.labelLimit),
            status: Status(enrollment.status), categoryLabel: BackendText.required(enrollment.category.label, limit: BackendText.labelLimit),
            tiers: enrollment.tiers.map(SessionTier.init), defaultTierID: enrollment.defaultTier,
            relief: enrollment.relief.map(SessionRelief.init),
            window: SessionWindow(
                phase: SessionWindow.Phase(enrollment.window.phase),
                opens: enrollment.window.opens.flatMap(CalendarDate.init(iso:)),
                closes: enrollment.window.closes.flatMap(CalendarDate.init(iso:))
            ),
            notes: enrollment.notes.prefix(BackendText.noteLimit).compactMap { BackendText.line($0, limit: BackendText.sentenceLimit) },
            paidPaymentID: enrollment.paidPaymentId, openPaymentID: enrollment.openPaymentId
        )
    }
}

extension SessionEnrollment.Status {
    init(_ status: BackendEnrollment.StatusPayload) {
        switch status {
        case .payable: self = .payable
        case .paid: self = .paid
        case .exempt: self = .exempt
        case .paymentInProgress: self = .paymentInProgress
        }
    }
}

extension SessionTier {
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

extension SessionRelief {
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

extension SessionWindow.Phase {
    init(_ phase: Components.Schemas.Window.PhasePayload) {
        switch phase {
        case .centralized: self = .centralized
        case .midYear: self = .midYear
        case .newborn: self = .newborn
        case .late: self = .late
        }
    }
}
