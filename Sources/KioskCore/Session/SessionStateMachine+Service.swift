extension SessionStateMachine {
    /// Out of service and maintenance never interrupt a resident: asked for mid-session, they take
    /// effect when the session ends.
    mutating func serviceEvent(_ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .serviceDegraded(let code):
            outage = code
            switch state {
            case .attract, .finished, .failed, .outOfService: return enter(.outOfService(code))
            default: return []
            }
        case .serviceRestored:
            outage = nil
            guard case .outOfService = state else { return [] }
            return enter(idleState(notice: nil))
        case .maintenanceRequested:
            switch state {
            case .maintenance: return []
            case .attract, .finished, .failed, .outOfService:
                maintenancePending = false
                return enter(.maintenance)
            default:
                maintenancePending = true
                return []
            }
        case .maintenanceEnded:
            maintenancePending = false
            guard case .maintenance = state else { return [] }
            return enter(idleState(notice: nil))
        default:
            return []
        }
    }

    /// Graceful shutdown: wipe everything. A payment in flight stays unresolved in the journal, for
    /// start-up reconciliation.
    mutating func shutDown() -> [SessionAction] {
        let active = state.isSessionActive
        let actions = enter(.stopped)
        return active ? actions + [.recordSessionEnd(.shutdown)] : actions
    }
}
