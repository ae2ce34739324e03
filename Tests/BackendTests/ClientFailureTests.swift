import Foundation
import KioskBackendAPI
import KioskCore
import KioskTesting
import MetricsTestKit
import Testing

@Suite("backend client against a misbehaving backend")
struct ClientFailureTests {
    @Test("each bad answer becomes its own typed error", arguments: [
        ("malformed-json", KioskError.Code.backendMalformed),
        ("wrong-shape", .backendMalformed),
        ("html", .backendMalformed),
        ("oversized", .backendOversized),
        ("server-error", .backendServerError),
    ])
    func badAnswers(paymentID: String, code: KioskError.Code) async throws {
        let backend = try await MisbehavingBackend()
        let client = try backend.client()
        await expectKioskError(code) { try await client.payment(id: paymentID) }
        await client.shutdown()
        await backend.stop()
    }

    @Test("a problem code the contract lists keeps its code; one a backend invents becomes backend.unlisted_code")
    func problemCodes() async throws {
        let backend = try await MisbehavingBackend()
        let client = try backend.client()
        let listed = await expectKioskError(.backendRejected, problem: "payment.not_reversible") { try await client.payment(id: "listed-code") }
        #expect(listed?.backendProblem?.listedCode == .paymentNotReversible)
        let invented = await expectKioskError(.backendRejected, problem: "payment.gone_fishing") { try await client.payment(id: "invented-code") }
        #expect(invented?.backendProblem?.listedCode == .backendUnlistedCode)
        await client.shutdown()
        await backend.stop()
    }

    @Test("the contract's problem codes (openapi.yaml, Problem.code) are exactly the ones the kiosk lists")
    func contractCodes() throws {
        let contract = try String(contentsOfFile: RepositoryPaths.root + "/Sources/KioskBackendAPI/openapi.yaml", encoding: .utf8)
        let start = try #require(contract.range(of: "Stable code: ")).upperBound
        let end = try #require(contract.range(of: "detail:", range: start..<contract.endIndex)).lowerBound
        let codes = Set(contract[start..<end].split(whereSeparator: { $0 == "," || $0.isWhitespace })
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : String($0) })
        #expect(codes == Set(BackendProblem.contractCodes.map(\.rawValue)))
    }

    @Test("a stalled answer fails as a timeout, not a hang")
    func stalled() async throws {
        let backend = try await MisbehavingBackend()
        // 3 s against a 6 s stall: long enough that the request reaches the backend on a loaded run
        // (with 1 s it once timed out before arriving, and "one attempt" could not be seen).
        let client = try backend.client(requestTimeout: .seconds(3))
        let started = ContinuousClock.now
        await expectKioskError(.backendTimeout) { try await client.payment(id: "stalled") }
        // Timeouts are not retried (the call may have reached the backend): one attempt, bounded by the timeout.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(backend.requests["stalled"] == 1)
        await client.shutdown()
        await backend.stop()
    }

    @Test("headers at once, then a body that trickles for ever: the whole-call deadline ends it as a timeout", .timeLimit(.minutes(1)))
    func trickledBody() async throws {
        let backend = try await MisbehavingBackend()
        let client = try backend.client(requestTimeout: .seconds(3))
        await expectKioskError(.backendTimeout) { try await client.payment(id: "trickled") }
        #expect(backend.requests["trickled"] == 1, "a timeout is not retried")
        await client.shutdown()
        await backend.stop()
    }

    @Test("a 503 on a safe call is retried once and then succeeds")
    func retried() async throws {
        let backend = try await MisbehavingBackend()
        let client = try backend.client()
        // Shut down on every path: a client dropped unshut aborts the whole test process in debug builds.
        let payment: BackendPayment
        do {
            payment = try await client.payment(id: "flaky-0001")
        } catch {
            await client.shutdown()
            await backend.stop()
            throw error
        }
        await client.shutdown()
        await backend.stop()
        #expect(payment.status == .pending)
        #expect(backend.requests["flaky-0001"] == 2)
    }

    @Test("each call is one duration sample named by its operationId, retries and failures included")
    func requestMetrics() async throws {
        let metrics = TestMetrics()
        let backend = try await MisbehavingBackend()
        let client = try backend.client(metrics: metrics)
        _ = try? await client.payment(id: "flaky-0001")
        await expectKioskError(.backendServerError) { try await client.payment(id: "server-error") }
        await client.shutdown()
        await backend.stop()
        #expect(backend.requests["flaky-0001"] == 2)
        let samples = try metrics.expectTimer("kiosk_backend_request_duration_seconds", [("operation", "get_payment")]).values
        #expect(samples.count == 2, "one sample for each of the two calls, not one for each of their three attempts")
        #expect(samples.allSatisfy { $0 > 0 })
    }

    @Test("the pause before a retry runs on the client's clock: the second attempt waits for the clock, not for the wall", .timeLimit(.minutes(1)))
    func retryPauseOnTheClock() async throws {
        let backend = try await MisbehavingBackend()
        let clock = TestClock()
        // An hour's pause (up to 75 minutes with jitter); the deadline of a day never comes in this test.
        let client = try backend.client(requestTimeout: .seconds(86_400), retryBaseDelay: .seconds(3600), clock: clock)
        let call = Task { try await client.payment(id: "flaky-0001") }
        let pause = Duration.seconds(3600)...Duration.seconds(4500)
        do {
            try await waitUntil("the first attempt is answered 503 and the client pauses on its clock") {
                backend.requests["flaky-0001"] == 1 && clock.wakeTimes.contains { pause.contains($0) }
            }
            clock.advance(by: .seconds(3599))
            #expect(backend.requests["flaky-0001"] == 1, "the second attempt came before the pause ended")
            clock.advance(by: .seconds(901))
            let payment = try await call.value
            #expect(payment.paymentId == "flaky-0001" && backend.requests["flaky-0001"] == 2)
        } catch {
            call.cancel()
            Issue.record(error)
        }
        await client.shutdown()
        await backend.stop()
    }

    @Test("a closed port is unreachable")
    func unreachable() async throws {
        let closed = try ClosedPort()
        let client = try HTTPSBackendClient(settings: .init(url: "http://127.0.0.1:\(closed.port)/kiosk/v1", connectTimeout: .seconds(1), requestTimeout: .seconds(2), retryBaseDelay: .milliseconds(10)))
        await expectKioskError(.backendUnreachable) { try await client.payment(id: "anything-1") }
        await client.shutdown()
        closed.release()
    }
}
