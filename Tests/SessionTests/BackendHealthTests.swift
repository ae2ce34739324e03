import KioskCore
import KioskSession
import Testing

@Suite("backend health: judged from each check's outcome")
struct BackendHealthTests {
    let timing = BackendHealth.Timing(healthyInterval: .seconds(30), confirmDelay: .seconds(2), outageInterval: .seconds(5))

    @Test("one failed check is confirmed soon; the second in a row starts the outage, once; one answer ends it")
    func outage() {
        var health = BackendHealth(timing: timing)
        #expect(health.checked(failure: nil) == nil && health.pause == .seconds(30))
        #expect(health.checked(failure: .backendUnreachable) == nil, "one failure is not an outage")
        #expect(health.pause == .seconds(2))
        #expect(health.checked(failure: .backendTimeout) == .serviceDegraded(.backendTimeout))
        #expect(health.outage == .backendTimeout && health.pause == .seconds(5))
        #expect(health.checked(failure: .backendUnreachable) == nil, "the outage is reported once")
        #expect(health.checked(failure: nil) == .serviceRestored(.backendTimeout))
        #expect(health.outage == nil && health.pause == .seconds(30))
        #expect(health.checked(failure: nil) == nil)
    }

    @Test("an answer between two failures resets the count: failures must come in a row")
    func inARow() {
        var health = BackendHealth(timing: timing)
        #expect(health.checked(failure: .backendServerError) == nil)
        #expect(health.checked(failure: nil) == nil)
        #expect(health.checked(failure: .backendServerError) == nil)
        #expect(health.outage == nil)
    }

    @Test("a refusal or a malformed answer is an answer: the backend is there", arguments: [KioskError.Code.backendRejected, .backendMalformed])
    func answersAreNotOutages(code: KioskError.Code) {
        var health = BackendHealth(timing: timing)
        for _ in 0..<3 { #expect(health.checked(failure: code) == nil) }
        #expect(health.outage == nil && health.pause == .seconds(30))
    }
}
