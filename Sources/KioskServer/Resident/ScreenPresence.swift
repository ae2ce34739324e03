import Foundation
import KioskCore
import Synchronization

/// Whether the kiosk's page is alive on the screen, as kioskd hears it: a page connection is open
/// and the page spoke within `silenceLimit` (kiosk.js says `{"type":"alive"}` every 10 s).
///
/// A renderer that crashed leaves Chromium's "Aw, Snap!" page and a browser process that systemd
/// sees running; one that hangs keeps its connection open. Either way kioskd stops hearing the page.
/// `GET /screen/alive` answers from here, and `kiosk-browser` (the browser unit's supervisor)
/// restarts Chromium when kioskd answers that the page is silent.
final class ScreenPresence: Sendable {
    /// The page speaks every 10 s (kiosk.js, ALIVE_EVERY_MS); three missed beats are no accident.
    static let silenceLimit: Duration = .seconds(30)

    struct Report: Encodable, Equatable {
        /// Page connections open now.
        let pages: Int
        /// Seconds since a page last spoke (or connected); nil when none ever did.
        let silentSeconds: Int?
        var alive: Bool { pages > 0 && (silentSeconds ?? .max) < Int(ScreenPresence.silenceLimit.components.seconds) }

        enum CodingKeys: String, CodingKey {
            case pages, silentSeconds = "silent_seconds", alive
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pages, forKey: .pages)
            try container.encode(silentSeconds, forKey: .silentSeconds)
            try container.encode(alive, forKey: .alive)
        }
    }

    private let stopwatch: Stopwatch
    /// The page connections open now: `ScreenAdmission` counts them.
    private let openPages: @Sendable () -> Int
    private let heardAt = Mutex<Duration?>(nil)

    init(clock: any Clock<Duration>, openPages: @escaping @Sendable () -> Int) {
        stopwatch = Stopwatch(clock)
        self.openPages = openPages
    }

    /// The page connected, or said something (a touch, a heartbeat, the service menu).
    func heard() {
        let now = stopwatch.elapsed
        heardAt.withLock { $0 = now }
    }

    var report: Report {
        let now = stopwatch.elapsed
        let heard = heardAt.withLock { $0 }
        return Report(pages: openPages(), silentSeconds: heard.map { Int((now - $0).components.seconds) })
    }
}
