/// What `/metrics` and `/healthz` serve, on the UI listener and (as `/v1/…`) on the admin socket;
/// the daemon builds it once its journal and session exist.
public struct Observability: Sendable {
    public let health: DaemonHealth
    /// The Prometheus text; scrape-time values (device gauges) are refreshed by the closure.
    public let metrics: @Sendable () async -> String

    public init(health: DaemonHealth, metrics: @escaping @Sendable () async -> String) {
        self.health = health
        self.metrics = metrics
    }
}
