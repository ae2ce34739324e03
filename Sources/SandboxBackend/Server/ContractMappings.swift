import ContributionPolicy
import KioskBackendAPI

extension Relief.Kind {
    var contractKind: Components.Schemas.Relief.KindPayload {
        switch self {
        case .exemption: .exemption
        case .aid: .aid
        case .aidCreditedLater: .aidCreditedLater
        }
    }
}

extension WindowStatus.Phase {
    var contractPhase: Components.Schemas.Window.PhasePayload {
        switch self {
        case .centralized: .centralized
        case .midYear: .midYear
        case .newborn: .newborn
        case .late: .late
        }
    }
}
