import KioskCore
import Metrics

/// The session's metrics, recorded through swift-metrics (kioskd bootstraps its Prometheus registry;
/// elsewhere they go nowhere). Labels are outcomes, methods, operations and stable error codes,
/// never a person, a payment or a name. Backend calls are timed by the client
/// (`RequestMetricsMiddleware`), every call, not only the session's.
enum SessionMetrics {
    static func sessionEnded(_ reason: SessionEndReason) {
        Counter(label: "kiosk_sessions_total", dimensions: [("outcome", reason.metricOutcome)]).increment()
    }

    static func paymentFinished(_ method: PaymentMethod, outcome: String) {
        Counter(label: "kiosk_payments_total", dimensions: [("method", method.rawValue), ("outcome", outcome)]).increment()
    }

    /// A payment the backend made differently from what the resident confirmed (or reconciliation found so).
    static func paymentAnomaly() {
        Counter(label: "kiosk_payment_anomalies_total").increment()
    }

    static func problemShown(_ code: KioskError.Code) {
        Counter(label: "kiosk_errors_total", dimensions: [("code", code.rawValue)]).increment()
    }

    static func printing() -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: "kiosk_print_duration_seconds")
    }

    static func cardRead() -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: "kiosk_card_read_duration_seconds")
    }

    /// Times `body` on `clock`, whether it returns or throws.
    static func timed<T>(_ timer: CoreMetrics.Timer, on clock: any Clock<Duration>, _ body: () async throws(KioskError) -> T) async throws(KioskError) -> T {
        var outcome: Result<T, KioskError>?
        let elapsed = await clock.measure {
            do throws(KioskError) {
                outcome = .success(try await body())
            } catch {
                outcome = .failure(error)
            }
        }
        timer.record(duration: elapsed)
        return try outcome!.get()
    }
}

extension SessionEndReason {
    var metricOutcome: String {
        switch self {
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .timedOut: "timed_out"
        case .cardRemoved: "card_removed"
        case .failed: "failed"
        case .shutdown: "shutdown"
        }
    }
}

extension JournalPaymentState {
    /// The outcome `kiosk_payments_total` counts a final state under; nil while still open.
    var metricOutcome: String? {
        switch self {
        case .succeeded: "succeeded"
        case .failed, .expired, .abandoned: "failed"
        case .reversed: "reversed"
        case .intended, .submitted: nil
        }
    }
}
