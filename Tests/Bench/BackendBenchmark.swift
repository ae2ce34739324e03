import AsyncHTTPClient
import Foundation
import KioskBackendAPI
import KioskCore
import KioskTesting
import NIOCore
import NIOHTTP1

/// The sandbox backend as a separate process over HTTPS with mutual TLS, measured through the
/// kiosk's client: look-ups and payments per second with p99, and the client's overhead per call
/// against a raw AsyncHTTPClient request for the same URL.
struct BackendBenchmark {
    let duration: Duration
    static let residents = 6000
    static let concurrency = 8

    func run() async throws -> [BenchRow] {
        let work = try TemporaryDirectory(prefix: "bench-backend")
        defer { work.remove() }
        let authority = try TestCertificateAuthority(name: "bench CA", in: work)
        let server = try authority.issue("localhost", usage: .server)
        let kiosk = try authority.issue("BENCH-0001", usage: .client)
        let residentsFile = try work.write("residents.toml", BenchResidents.file(count: Self.residents))
        let backend = try await SandboxProcess(
            directory: work, residentsFile: residentsFile,
            extraArguments: ["--tls-certificate", server.certificatePath, "--tls-key", server.keyPath, "--client-ca", authority.certificatePath]
        )
        let settings = BackendClientSettings(
            url: backend.url.replacingOccurrences(of: "127.0.0.1", with: "localhost"), caFile: authority.certificatePath,
            clientCertificate: kiosk.certificatePath, clientKey: kiosk.keyPath
        )
        let client = try HTTPSBackendClient(settings: settings)
        var rows: [BenchRow] = []
        do {
            rows += try await lookups(client)
            rows += try await payments(client)
            rows += try await overhead(client, settings: settings)
        } catch {
            await client.shutdown()
            await backend.stop()
            throw error
        }
        await client.shutdown()
        await backend.stop()
        return rows
    }

    /// Resolve a typed identity, then read the enrollment: what a resident's first screen costs.
    private func lookups(_ client: HTTPSBackendClient) async throws -> [BenchRow] {
        let (count, samples, elapsed) = try await throughput { worker, iteration in
            let index = (worker * 997 + iteration) % Self.residents
            let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: BenchResidents.idNumber(index), name: BenchResidents.name(index))))
            _ = try await client.enrollment(personRef: person.personRef, year: 2021)
        }
        let perSecond = Double(count) / elapsed
        let p99 = samples.percentileMilliseconds(99)
        return [
            BenchRow(name: "sandbox look-ups (resolve + enrollment, mTLS, \(Self.concurrency) concurrent)", value: perSecond, unit: "/s", target: "> 100", met: perSecond > 100),
            BenchRow(name: "sandbox look-up p99", value: p99, unit: "ms", target: "< 200", met: p99 < 200),
        ]
    }

    /// One pay-code payment per resident (the provider succeeds at once), each with its own key.
    private func payments(_ client: HTTPSBackendClient) async throws -> [BenchRow] {
        var people: [(ref: String, tier: String, due: Int64)] = []
        for index in 0..<min(Self.residents, 3000) {
            let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: BenchResidents.idNumber(index), name: BenchResidents.name(index))))
            let enrollment = try await client.enrollment(personRef: person.personRef, year: 2021)
            guard let tier = enrollment.tiers.first(where: { $0.id == enrollment.defaultTier }) else { continue }
            people.append((person.personRef, tier.id, tier.dueFen))
        }
        let available = people
        let next = Counter()
        let (count, samples, elapsed) = try await throughput { _, _ in
            guard let index = next.take(below: available.count) else { throw BenchStop() }
            let person = available[index]
            let payment = try await client.createPayment(
                .init(personRef: person.ref, year: 2021, tier: person.tier, amountFen: person.due, method: .paycode, payCode: "134567890123456700", kioskId: "BENCH-0001"),
                idempotencyKey: "bench-pay-\(index)"
            )
            guard payment.status == .succeeded else { throw TestFixtureError("payment \(payment.paymentId) is \(payment.status)") }
        }
        let perSecond = Double(count) / elapsed
        let p99 = samples.percentileMilliseconds(99)
        return [
            BenchRow(name: "sandbox payments (create, provider succeeds, \(Self.concurrency) concurrent)", value: perSecond, unit: "/s", target: "> 50", met: perSecond > 50),
            BenchRow(name: "sandbox payment p99", value: p99, unit: "ms", target: "< 300", met: p99 < 300),
        ]
    }

    /// The same enrollment read, one at a time: through HTTPSBackendClient (generated client,
    /// middlewares, decoding) and as a raw AsyncHTTPClient GET with the same TLS (body collected).
    private func overhead(_ client: HTTPSBackendClient, settings: BackendClientSettings) async throws -> [BenchRow] {
        let index = 42
        let person = try await client.resolveIdentity(.typed(.init(method: "typed", idNumber: BenchResidents.idNumber(index), name: BenchResidents.name(index))))
        let raw = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                             configuration: .init(tlsConfiguration: try HTTPSBackendClient.tlsConfiguration(settings)))
        let url = settings.url + "/persons/\(person.personRef)/enrollments/2021"
        var viaClient = LatencySamples(), viaRaw = LatencySamples()
        let clock = ContinuousClock()
        do {
            for round in 0..<1200 {
                let began = clock.now
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Accept", value: "application/json")
                let response = try await raw.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                let rawTime = clock.now - began
                let began2 = clock.now
                _ = try await client.enrollment(personRef: person.personRef, year: 2021)
                let clientTime = clock.now - began2
                if round >= 200 {  // warm-up: connections, caches
                    viaRaw.add(rawTime)
                    viaClient.add(clientTime)
                }
            }
        } catch {
            try? await raw.shutdown()
            throw error
        }
        try await raw.shutdown()
        let clientMedian = viaClient.percentileMilliseconds(50), rawMedian = viaRaw.percentileMilliseconds(50)
        let overheadMicroseconds = (clientMedian - rawMedian) * 1000
        return [
            BenchRow(name: "enrollment read, raw AsyncHTTPClient (median)", value: rawMedian, unit: "ms", target: "reference", met: true),
            BenchRow(name: "enrollment read, BackendClient (median)", value: clientMedian, unit: "ms", target: "reference", met: true),
            BenchRow(name: "BackendClient overhead per call (median difference)", value: overheadMicroseconds, unit: "µs", target: "< 500", met: overheadMicroseconds < 500),
        ]
    }

    /// Runs `operation` on `concurrency` workers for `duration` (or until one throws `BenchStop`).
    private func throughput(_ operation: @escaping @Sendable (Int, Int) async throws -> Void) async throws -> (Int, LatencySamples, Double) {
        let clock = ContinuousClock()
        let began = clock.now
        let deadline = began + duration
        let samples = try await withThrowingTaskGroup(of: LatencySamples.self) { group in
            for worker in 0..<Self.concurrency {
                group.addTask {
                    var samples = LatencySamples()
                    var iteration = 0
                    while clock.now < deadline {
                        let start = clock.now
                        do {
                            try await operation(worker, iteration)
                        } catch is BenchStop {
                            break
                        }
                        samples.add(clock.now - start)
                        iteration += 1
                    }
                    return samples
                }
            }
            return try await group.reduce(into: LatencySamples()) { $0.merge($1) }
        }
        let elapsed = clock.now - began
        let parts = elapsed.components
        return (samples.count, samples, Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
    }
}

struct BenchStop: Error {}

/// Hands out 0, 1, 2, … to concurrent workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
