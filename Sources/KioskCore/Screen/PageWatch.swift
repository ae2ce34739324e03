/// kiosk-browser's judgement of the page on the screen, from kioskd's answers to `GET /screen/alive`:
/// Chromium is restarted only when kioskd itself says, `missesAllowed` times in a row, that it has not
/// heard from the page (a renderer that crashed to "Aw, Snap!", or hangs). A kioskd that does not
/// answer proves nothing about the page: the page then shows its own "暂停服务" and reconnects.
public struct PageWatch: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        /// 200: the page spoke within kioskd's silence limit.
        case alive
        /// 503: kioskd runs, and no page has spoken within the limit.
        case silent
        /// No answer, or another status: kioskd is down, restarting or busy.
        case noAnswer
    }

    public let missesAllowed: Int
    public private(set) var misses = 0

    public init(missesAllowed: Int) {
        self.missesAllowed = missesAllowed
    }

    /// Records one answer; true when the browser must be restarted.
    public mutating func record(_ answer: Answer) -> Bool {
        switch answer {
        case .silent: misses += 1
        case .alive, .noAnswer: misses = 0
        }
        return misses >= missesAllowed
    }
}
