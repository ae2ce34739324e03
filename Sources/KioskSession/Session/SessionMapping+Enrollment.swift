import KioskBackendAPI
import KioskCore

extension SessionEnrollment {
    init(_ enrollment: BackendEnrollment) {
        self.init(
            personRef: enrollment.personRef, year: enrollment.year, region: enrollment.region, policyTitle: enrollment.policyTitle,
            status: Status(enrollment.status), categoryLabel: enrollment.category.label,
            tiers: enrollment.tiers.map(SessionTier.init), defaultTierID: enrollment.defaultTier,
            relief: enrollment.relief.map(SessionRelief.init),
            window: SessionWindow(
                phase: SessionWindow.Phase(enrollment.window.phase),
                opens: enrollment.window.opens.flatMap(CalendarDate.init(iso:)),
                closes: enrollment.window.closes.flatMap(CalendarDate.init(iso:))
            ),
            notes: enrollment.notes, paidPaymentID: enrollment.paidPaymentId, openPaymentID: enrollment.openPaymentId
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
            id: tier.id, label: tier.label, amount: Money(fen: tier.amountFen),
            components: tier.components.map { AmountComponent(label: $0.label, amount: Money(fen: $0.amountFen), included: $0.included) },
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
        self.init(kind: kind, label: relief.label, description: relief.description)
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
