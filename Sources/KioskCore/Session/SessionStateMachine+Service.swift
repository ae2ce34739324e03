extension SessionStateMachine {
    /// Out of service and maintenance never interrupt a resident: asked for mid-session, they take
    /// effect when the session ends.
    mutating func serviceEvent(_ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .serviceDegraded(let code):
            // Already known (e.g. the machine itself left a payment unresolved): nothing changes, and
            // the resident keeps the screen that explains it.
            guard holdOutage(code) else { return [] }
            switch state {
            case .attract, .finished, .failed, .outOfService: return enter(.outOfService(code))
            default: return []
            }
        case .serviceRestored(let code):
            outages.removeAll { $0 == code }
            guard case .outOfService(let shown) = state else { return [] }
            let next = idleState(notice: nil)
            return next == .outOfService(shown) ? [] : enter(next)
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

    /// The journal is not where the money is: out of service (once the resident has read the screen
    /// they are on) until reconciliation settles it, and reconcile now.
    mutating func paymentLeftUnresolved() -> [SessionAction] {
        holdOutage(.journalUnsettled)
        return [.reconcilePayments]
    }

    /// Adds a reason for being out of service; false when it already holds.
    @discardableResult
    mutating func holdOutage(_ code: KioskError.Code) -> Bool {
        guard !outages.contains(code) else { return false }
        outages.append(code)
        return true
    }

    /// Graceful shutdown: wipe everything. A payment in flight stays unresolved in the journal, for
    /// start-up reconciliation.
    mutating func shutDown() -> [SessionAction] {
        let active = state.isSessionActive
        let actions = enter(.stopped)
        return active ? actions + [.recordSessionEnd(.shutdown)] : actions
    }
}
