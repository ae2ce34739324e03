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
/// the unit's `Restart=always` starts a fresh browser. Chromium's own exit status is passed on.
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

    @Argument(parsing: .postTerminator, help: "The browser's command line; it must hold --app=http://127.0.0.1:PORT/.")
    var browser: [String] = []

    static let restartExitCode: Int32 = 75

    func validate() throws {
        guard !browser.isEmpty else { throw ValidationError("give the browser's command line after --") }
        guard Self.aliveURL(browser) != nil else { throw ValidationError("the browser's command line has no --app=http://127.0.0.1:PORT/ (or localhost)") }
        guard grace >= 0, interval >= 1, misses >= 1 else { throw ValidationError("--grace must be >= 0, --interval and --misses >= 1") }
    }

    /// kioskd's `/screen/alive` on the page's own origin.
    static func aliveURL(_ browser: [String]) -> String? {
        guard let app = browser.last(where: { $0.hasPrefix("--app=") }).map({ String($0.dropFirst("--app=".count)) }),
              let components = URLComponents(string: app), components.scheme == "http",
              let host = components.host, ["127.0.0.1", "localhost"].contains(host), let port = components.port else { return nil }
        return "http://\(host):\(port)/screen/alive"
    }

    func run() async throws {
        guard let alive = Self.aliveURL(browser) else { throw ExitCode.validationFailure }
        let chromium = Process()
        chromium.executableURL = URL(fileURLWithPath: browser[0])
        chromium.arguments = Array(browser.dropFirst())
        let exited = AsyncStream.makeStream(of: Int32.self)
        chromium.terminationHandler = { process in
            exited.continuation.yield(process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus)
        }
        for signal in [SIGTERM, SIGINT, SIGHUP] { Glibc.signal(signal, SIG_IGN) }
        let forwarders = [SIGTERM, SIGINT, SIGHUP].map { number in
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { kill(chromium.processIdentifier, number) }
            source.resume()
            return source
        }
        do {
            try chromium.run()
        } catch {
            Self.say("cannot start \(browser[0]): \(error)")
            throw ExitCode(Self.restartExitCode)
        }
        let watching = Task { try await watch(alive: alive, pid: chromium.processIdentifier) }
        var iterator = exited.stream.makeAsyncIterator()
        let status = await iterator.next() ?? 1
        watching.cancel()
        let restarted = (try? await watching.value) == true
        forwarders.forEach { $0.cancel() }
        throw ExitCode(restarted ? Self.restartExitCode : status)
    }

    /// Asks kioskd about the page until it has been silent `misses` times in a row; then ends Chromium
    /// (SIGTERM, SIGKILL 10 s later) and returns true. Returns false when cancelled (Chromium exited).
    func watch(alive: String, pid: Int32) async throws -> Bool {
        var page = PageWatch(missesAllowed: misses)
        try await Task.sleep(for: .seconds(grace))
        while !Task.isCancelled {
            let (answer, detail) = await ask(alive)
            if page.record(answer) {
                Self.say("kioskd has not heard from the page \(misses) times in a row (\(detail)): its renderer crashed or hangs; restarting Chromium")
                kill(pid, SIGTERM)
                try? await Task.sleep(for: .seconds(10))
                kill(pid, SIGKILL)
                return true
            }
            try await Task.sleep(for: .seconds(interval))
        }
        return false
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
