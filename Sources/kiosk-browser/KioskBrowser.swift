import ArgumentParser
import AsyncHTTPClient
import Foundation
import KioskCore

/// The kiosk browser unit's main process: runs Chromium and restarts it when its page has died.
///
/// A renderer that crashes leaves Chromium's "Aw, Snap!" page on the screen while the browser process
/// runs on, so systemd's `Restart=` never sees it; a renderer that hangs keeps its socket open. kioskd
/// hears the page every 10 s (`GET /screen/alive`, ScreenPresence.swift); when kioskd answers that the
/// page has been silent, `--misses` times in a row, this ends Chromium and exits 75 (EX_TEMPFAIL), and
/// the unit's `Restart=always` starts a fresh browser. Otherwise kiosk-browser ends as Chromium did:
/// with its exit status, or by the same signal.
@main
struct KioskBrowser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-browser",
        abstract: "Run the kiosk's Chromium, and end it when kioskd no longer hears its page (a crashed or hung renderer).",
        discussion: "Example: kiosk-browser -- /usr/bin/chromium --kiosk --app=http://127.0.0.1:8080/ …"
    )

    @Option(help: "Seconds after Chromium starts before its page is judged (its first load and connection).")
    var grace: Int = 60

    @Option(help: "Seconds between two questions to kioskd.")
    var interval: Int = 5

    @Option(help: "Answers in a row saying the page is silent before Chromium is restarted.")
    var misses: Int = 3

    @Argument(parsing: .postTerminator, help: "The browser's command line; kioskd's address comes from its --app=http://127.0.0.1:PORT/.")
    var browser: [String] = []

    static let restartExitCode: Int32 = 75
    /// Passed on to Chromium: systemd's stop (SIGTERM), a terminal's interrupt, a hang-up.
    static let forwardedSignals = [SIGTERM, SIGINT, SIGHUP]

    func validate() throws {
        guard !browser.isEmpty else { throw ValidationError("give the browser's command line after --") }
        guard grace >= 0, interval >= 1, misses >= 1 else { throw ValidationError("--grace must be >= 0, --interval and --misses >= 1") }
    }

    /// kioskd's `/screen/alive` on the page's own origin (`--app=http://127.0.0.1:PORT/`, localhost or [::1]).
    static func aliveURL(_ browser: [String]) -> String? {
        guard let app = browser.last(where: { $0.hasPrefix("--app=") }).map({ String($0.dropFirst("--app=".count)) }),
              let components = URLComponents(string: app), components.scheme?.lowercased() == "http",
              let host = components.host?.lowercased() else { return nil }
        let address: String
        switch host {
        case "127.0.0.1", "localhost": address = host
        case "::1", "[::1]": address = "[::1]"
        default: return nil
        }
        return "http://\(address):\(components.port ?? 80)/screen/alive"
    }

    func run() async throws {
        let alive = Self.aliveURL(browser)
        if alive == nil {
            // A screen without the watch beats a dark screen that Restart= relaunches for ever.
            Self.say("the browser's command line has no --app=http://127.0.0.1:PORT/ (or localhost, [::1]): Chromium runs without the page watch")
        }
        // The sources below take these signals; their default action would end kiosk-browser before Chromium.
        for number in Self.forwardedSignals { Glibc.signal(number, SIG_IGN) }
        let chromium: ChromiumProcess
        do {
            chromium = try ChromiumProcess(browser)
        } catch {
            Self.say("\(error)")
            throw ExitCode(Self.restartExitCode)
        }
        let forwarders = Self.forwardedSignals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { chromium.signal(number) }
            source.resume()
            return source
        }
        // The one clock of this process: its main is the composition root.
        let clock = ContinuousClock()
        let watching = alive.map { url in Task { try await watch(alive: url, chromium: chromium, clock: clock) } }
        let ending = await withCheckedContinuation { (done: CheckedContinuation<ChromiumProcess.Ending, Never>) in
            // waitid blocks: on a thread of its own, never on the cooperative pool.
            Thread { done.resume(returning: chromium.waitForEnd()) }.start()
        }
        watching?.cancel()
        let restarted = (try? await watching?.value) == true
        forwarders.forEach { $0.cancel() }
        if restarted { throw ExitCode(Self.restartExitCode) }
        switch ending {
        case .exited(let status):
            throw ExitCode(status)
        case .signalled(let number):
            // Die of the same signal, so systemd sees what it would see without kiosk-browser
            // (a SIGTERM'd main process is a clean stop; exit status 143 would be a failure).
            // raise() on a thread that does not block the signal acts before it returns.
            Glibc.signal(number, SIG_DFL)
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, number)
            pthread_sigmask(SIG_UNBLOCK, &only, nil)
            raise(number)
            throw ExitCode(128 + number)
        }
    }

    /// Asks kioskd about the page until it has been silent `misses` times in a row; then ends Chromium
    /// (SIGTERM, and SIGKILL if it is still there 10 s later) and returns true. Throws when cancelled
    /// before that (Chromium ended by itself).
    func watch(alive: String, chromium: ChromiumProcess, clock: some Clock<Duration>) async throws -> Bool {
        var page = PageWatch(missesAllowed: misses)
        try await clock.sleep(for: .seconds(grace))
        while true {
            let (answer, detail) = await ask(alive)
            if page.record(answer) {
                Self.say("kioskd has not heard from the page \(misses) times in a row (\(detail)): its renderer crashed or hangs; restarting Chromium")
                chromium.signal(SIGTERM)
                // Chromium's end cancels this task: then no SIGKILL follows.
                do { try await clock.sleep(for: .seconds(10)) } catch { return true }
                chromium.signal(SIGKILL)
                return true
            }
            try await clock.sleep(for: .seconds(interval))
        }
    }

    private func ask(_ url: String) async -> (PageWatch.Answer, String) {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(3))
            let body = String(buffer: try await response.body.collect(upTo: 4096))
            switch response.status.code {
            case 200: return (.alive, body)
            case 503: return (.silent, body)
            default: return (.noAnswer, "HTTP \(response.status.code)")
            }
        } catch {
            return (.noAnswer, "\(error)")
        }
    }

    static func say(_ message: String) {
        FileHandle.standardError.write(Data("kiosk-browser: \(message)\n".utf8))
    }
}
