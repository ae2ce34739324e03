import Foundation
import FoundationNetworking
import KioskAPI
import KioskCore
import KioskTesting
import Testing

/// `kioskctl maintenance` against kioskd --demo: the resident session really enters and leaves maintenance.
@Suite("kioskctl maintenance through kioskd's admin socket and its resident session")
struct KioskctlMaintenanceTests {
    static let reason = "更换打印纸"

    @Test("maintenance on during attract is active at once with its reason, status shows it, off brings the kiosk back to attract")
    func onDuringAttractThenOff() async throws {
        try await InProcessKiosk.with { fixture in
            try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
            #expect(try await fixture.status().maintenance == MaintenanceStatus(state: .off, session: "attract"))

            let on = try await fixture.kioskctl(["maintenance", "on", "--reason", Self.reason, "--socket", fixture.socketPath])
            #expect(on.status == 0, "kioskctl: \(on.error)")
            #expect(on.output.hasPrefix("maintenance on: the kiosk shows 设备维护中"), "\(on.output)")
            #expect(on.output.contains("reason      \(Self.reason)"))

            let status = try await fixture.status()
            #expect(status.session == "maintenance")
            let maintenance = try #require(status.maintenance)
            #expect(maintenance.state == .active && maintenance.reason == Self.reason && maintenance.session == "maintenance")
            let since = try #require(maintenance.since.flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(since.timeIntervalSinceNow) < 60)

            let text = try await fixture.kioskctl(["status", "--socket", fixture.socketPath])
            #expect(text.output.contains("maintenance ON since \(maintenance.since ?? "") — \(Self.reason)"), "\(text.output)")
            let show = try await fixture.kioskctl(["maintenance", "--socket", fixture.socketPath])
            #expect(show.status == 0 && show.output.hasPrefix("maintenance on since"), "\(show)")
            let again = try await fixture.kioskctl(["maintenance", "on", "--reason", "清洁读卡器", "--socket", fixture.socketPath])
            #expect(again.output.hasPrefix("maintenance was already active; reason updated"), "\(again.output)")
            #expect(try await fixture.status().maintenance?.since == maintenance.since, "a new reason keeps the time maintenance began")

            let off = try await fixture.kioskctl(["maintenance", "off", "--socket", fixture.socketPath])
            #expect(off.status == 0, "kioskctl: \(off.error)")
            #expect(off.output == "maintenance off: the kiosk takes residents again\n", "\(off.output)")
            let after = try await fixture.status()
            #expect(after.session == "attract")
            #expect(after.maintenance?.state == .off && after.maintenance?.reason == nil)
            let offAgain = try await fixture.kioskctl(["maintenance", "off", "--socket", fixture.socketPath])
            #expect(offAgain.output == "maintenance was not on; nothing changed\n")
        }
    }

    @Test("maintenance asked for while a resident is served stays pending until the session times out, then is active")
    func pendingUntilTheSessionEnds() async throws {
        try await InProcessKiosk.with(environment: ["KIOSK_SESSION_IDLE_TIMEOUT_S": "10", "KIOSK_SESSION_COUNTDOWN_S": "5"]) { fixture in
            let port = fixture.uiPort
            try await waitUntil("the demo session is in attract", timeout: .seconds(15), poll: .milliseconds(100)) { try await fixture.status().session == "attract" }
            let inserted = try await ResidentUIServerTests.post(port, "/demo/api/card", #"{"kind":"ssc","resident":0}"#)
            #expect(inserted.status == 200, "\(inserted.body)")
            try await waitUntil("the resident's enrollment is shown", timeout: .seconds(15), poll: .milliseconds(100)) {
                try await fixture.status().session == "showingEnrollment"
            }

            let on = try await fixture.kioskctl(["maintenance", "on", "--reason", Self.reason, "--socket", fixture.socketPath])
            #expect(on.status == 0, "kioskctl: \(on.error)")
            #expect(on.output.hasPrefix("maintenance requested: the kiosk shows 设备维护中 once the current resident's session ends"), "\(on.output)")
            let pending = try await fixture.status()
            #expect(pending.maintenance?.state == .pending && pending.maintenance?.reason == Self.reason)
            #expect(pending.session != "maintenance" && pending.session != "attract", "the resident keeps being served: \(pending.session ?? "-")")
            let text = try await fixture.kioskctl(["status", "--socket", fixture.socketPath])
            #expect(text.output.contains("maintenance PENDING since"), "\(text.output)")

            // 10 s idle, then the 5 s "still there?" countdown ends the session: on the test clock.
            try await fixture.advance(until: "the session timed out into maintenance") { try await fixture.status().session == "maintenance" }
            #expect(try await fixture.status().maintenance?.state == .active)

            let off = try await fixture.kioskctl(["maintenance", "off", "--socket", fixture.socketPath])
            #expect(off.output == "maintenance off: the kiosk takes residents again\n", "\(off.output)")
            #expect(try await fixture.status().session == "attract")
        }
    }

    @Test("kioskctl maintenance on with a bad reason exits 1 naming what is wrong and its code; nothing changes")
    func badReasonIsRefused() async throws {
        try await InProcessKiosk.with { fixture in
            let result = try await fixture.kioskctl(["maintenance", "on", "--reason", "换纸\n并重启", "--socket", fixture.socketPath])
            #expect(result.status == 1, "\(result)")
            #expect(result.error.contains("reason: contains the control character U+000A; use one line of plain text")
                    && result.error.contains("[maintenance.reason_invalid]"), "stderr: \(result.error)")
            #expect(try await fixture.status().maintenance?.state == .off)
        }
    }
}
