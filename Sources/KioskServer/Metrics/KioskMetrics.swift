import Metrics
import KioskCore
import Prometheus

/// The daemon's metrics: one Prometheus registry behind swift-metrics, exported in the text format
/// 0.0.4 on `/metrics`. Labels carry codes, roles, methods and outcomes only, never personal data.
public struct KioskMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    /// 10 ms … 30 s: card reads and backend calls take tens of milliseconds, a printed receipt seconds.
    public static let latencyBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    public var factory: PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.latencyBuckets
        return factory
    }

    /// Once per process, by the executable: swift-metrics then records into `registry`.
    public func bootstrap() {
        MetricsSystem.bootstrap(factory)
    }

    /// `kiosk_device_up{role}`: 1 while the device can do its job (online or busy), else 0.
    public func record(devices: [DeviceStatus]) {
        for device in devices {
            let up = device.state == .online || device.state == .busy
            registry.makeGauge(name: "kiosk_device_up", labels: [("role", device.role.rawValue)]).set(to: up ? 1 : 0)
        }
    }

    public func exposition() -> String {
        registry.emitToString()
    }
}
