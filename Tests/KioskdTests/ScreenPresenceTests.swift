import Foundation
import KioskCore
@testable import KioskServer
import KioskTesting
import Synchronization
import Testing

/// Issue 19: a renderer that crashed or hangs is found by kioskd no longer hearing the page, and
/// kiosk-browser restarts Chromium only on kioskd's word (BrowserLockdownTests kills a real renderer).
@Suite("the page on the screen: kioskd hears it, and kiosk-browser judges it")
struct ScreenPresenceTests {
    @Test("alive while a page is connected and spoke within 30 s; silent after, or with no page")
    func presence() {
        let clock = TestClock()
        let pages = Mutex(0)
        let presence = ScreenPresence(clock: clock, openPages: { pages.withLock { $0 } })
        #expect(presence.report == .init(pages: 0, silentSeconds: nil))
        #expect(!presence.report.alive, "no page has ever connected")
        pages.withLock { $0 = 1 }
        presence.heard()
        #expect(presence.report.alive)
        clock.advance(by: .seconds(29))
        #expect(presence.report.alive)
        clock.advance(by: .seconds(1))
        #expect(presence.report == .init(pages: 1, silentSeconds: 30))
        #expect(!presence.report.alive, "connected, but silent for 30 s: a hung renderer")
        presence.heard()
        #expect(presence.report.alive, "the heartbeat")
        pages.withLock { $0 = 0 }
        #expect(!presence.report.alive, "the page's connection closed: a crashed renderer")
    }

    @Test("kiosk-browser restarts Chromium after three silent answers in a row, never on kioskd's silence")
    func pageWatch() {
        var watch = PageWatch(missesAllowed: 3)
        let answers: [PageWatch.Answer] = [.silent, .silent, .noAnswer, .silent, .silent, .alive, .silent, .silent, .silent]
        let restarts = answers.map { watch.record($0) }
        // kioskd down or restarting (.noAnswer) says nothing about the page, and resets the count like a live page.
        #expect(restarts == [false, false, false, false, false, false, false, false, true])
    }

    @Test("GET /screen/alive: 503 with no page, 200 with the page connected, 503 again once it went")
    func aliveRoute() async throws {
        try await InProcessKiosk.with(demo: false) { fixture in
            let port = fixture.uiPort
            func ask() async throws -> (Int, String) {
                let (data, response) = try await ResidentUIServerTests.fetch(port, "/screen/alive")
                return (response.statusCode, String(decoding: data, as: UTF8.self))
            }
            let none = try await ask()
            #expect(none.0 == 503 && none.1.contains("\"pages\":0"), "\(none)")
            var page: ResidentScreenSocket? = try await ResidentScreenSocket(port: port)
            _ = try await page?.message(ofType: "screen")
            try await page?.sendMessage(#"{"type":"alive"}"#)
            let connected = try await ask()
            #expect(connected.0 == 200 && connected.1.contains("\"alive\":true") && connected.1.contains("\"pages\":1"), "\(connected)")
            page = nil
            try await waitUntil("kioskd notices the page went", timeout: .seconds(60)) {
                fixture.logText.contains("resident screen disconnected")
            }
            let gone = try await ask()
            #expect(gone.0 == 503 && gone.1.contains("\"pages\":0"), "\(gone)")
        }
    }
}
