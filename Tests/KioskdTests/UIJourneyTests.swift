import Foundation
import KioskTesting
import Testing

/// The resident touch UI end to end: Chromium driven by Playwright (Tests/UITests/journeys.py) against
/// a real `kioskd --demo` on simulated devices with the embedded sandbox backend, one fresh kioskd per
/// journey (the sandbox keeps its payments in memory). Screenshots of every screen the journeys wait
/// for go to .build/ui-screenshots/; the last test checks that every screen kind was reached.
@Suite("The resident UI in Chromium against kioskd --demo", .serialized)
struct UIJourneyTests {
    static let journeys = [
        "ssc-paycode", "idcard-qr", "typed-identity", "exempt", "aided-tier", "already-paid-reprint",
        "outside-window", "pay-for-other", "timeout-wipes", "backend-down", "paper-out", "service-menu",
        "card-approved", "card-wrong-pin-then-approved", "card-declined", "card-cancelled", "card-terminal-unreachable",
    ]
    /// Screens the journeys must have shown between them (takingReceipt or finished: checked apart).
    /// ssc-paycode reaches paymentFailed (a declined pay code, then 重新支付) and awaitingPayer (a pay code
    /// the payer confirms on the phone); already-paid-reprint reaches failed (an e-SSC code the sandbox does not know);
    /// the card-… journeys reach atTerminal (the virtual PIN pad of kioskd --demo has the payment).
    static let requiredScreens = [
        "attract", "typingIdentity", "showingEnrollment", "confirmingRegistration", "alreadyPaid", "unavailable",
        "choosingBeneficiary", "showingHistory", "choosingMethod", "printerUnavailable", "awaitingPayCode",
        "showingQR", "stillThere", "outOfService", "paymentFailed", "awaitingPayer", "failed", "atTerminal",
    ]
    /// The Nantong 2021 window (Policies/320600-2021-nantong.toml) is 2020-11-01…2020-12-20, then "closed".
    static let afterWindow = "2021-01-15"

    static let python = RepositoryPaths.root + "/.build/ui-venv/bin/python"
    static let chromium = "/usr/bin/chromium"
    static let journeyScript = RepositoryPaths.root + "/Tests/UITests/journeys.py"
    static let pinyinScript = RepositoryPaths.root + "/Tests/UITests/check_pinyin_table.py"
    static let residentsFile = RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml"
    static let screenshots = RepositoryPaths.root + "/.build/ui-screenshots"

    /// This run's screenshots only: the folder is emptied once, before the first journey (nil, or what failed).
    static let freshScreenshots: String? = {
        let files = FileManager.default
        do {
            if files.fileExists(atPath: screenshots) { try files.removeItem(atPath: screenshots) }
            try files.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
            return nil
        } catch {
            return "cannot empty \(screenshots): \(error)"
        }
    }()

    @Test("pinyin table covers names")
    func pinyinTableCoversNames() async throws {
        let work = try TemporaryDirectory(prefix: "pinyin")
        defer { work.remove() }
        let result = try await ChildProcess.run("/usr/bin/env", ["python3", Self.pinyinScript], workDirectory: work)
        #expect(result.status == 0, "check_pinyin_table.py exited \(result.status):\n\(result.output)\(result.error)")
    }

    @Test("journey", arguments: UIJourneyTests.journeys)
    func journey(_ name: String) async throws {
        try Self.requireTools()
        if let problem = Self.freshScreenshots { throw TestFixtureError(problem) }
        let reserved = try ClosedPort()
        let port = reserved.port
        reserved.release()
        var environment = ["KIOSK_UI_LISTEN": "127.0.0.1:\(port)", "KIOSK_UI_ROOT": RepositoryPaths.uiRoot]
        var arguments = DemoModeTests.sandboxArguments
        switch name {
        case "timeout-wipes":
            environment["KIOSK_SESSION_IDLE_TIMEOUT_S"] = "10"
            environment["KIOSK_SESSION_COUNTDOWN_S"] = "5"
        case "outside-window":
            arguments += ["--sandbox-today", Self.afterWindow]
        case "service-menu":
            // The hash of journeys.py's SERVICE_PIN.
            environment.merge(try ServiceMenuTests.credential(ServiceMenuTests.pinHash)) { $1 }
        default:
            break
        }
        let fixture = try DaemonFixture(extraEnvironment: environment, arguments: arguments)
        defer { fixture.stop() }
        let ready = await fixture.notify.waitFor("READY=1", timeout: .seconds(20))
        try #require(ready.found, "kioskd --demo sent no READY=1:\n\(Self.tail(fixture.daemon.standardOutput + fixture.daemon.standardError))")

        let work = try TemporaryDirectory(prefix: "uijourney")
        defer { work.remove() }
        let runner = try ChildProcess(
            Self.python, [Self.journeyScript, "--url", "http://127.0.0.1:\(port)", "--journey", name, "--screenshots", Self.screenshots],
            workDirectory: work
        )
        var status = await runner.waitForExit(timeout: .seconds(120))
        let finished = status != nil
        if !finished {
            // SIGTERM first: journeys.py then reports the step and screen it was stuck on and closes Chromium.
            runner.signal(SIGTERM)
            status = await runner.waitForExit(timeout: .seconds(15))
            runner.stop()
        }
        let daemonLog = fixture.daemon.standardOutput + fixture.daemon.standardError
        #expect(finished && status == 0, """
            journey \(name) \(finished ? "exited \(status ?? -1)" : "did not finish within 120 s"):
            \(runner.standardOutput)\(runner.standardError)
            --- kioskd (last lines):
            \(Self.tail(daemonLog))
            """)

        let leaked = try Self.residentSecrets().filter { daemonLog.contains($0.value) }
        #expect(leaked.isEmpty, "kioskd's log holds personal data: \(leaked.map { $0.what }.joined(separator: ", "))")
    }

    @Test("the journeys saved a screenshot of every screen kind they must reach")
    func everyScreenKindWasShot() throws {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Self.screenshots)) ?? []
        // <journey>-<nn>-<screen>.png; a failed step's screenshot ends in -FAILED.png and counts for nothing.
        var shot = Set<String>()
        for file in files where file.hasSuffix(".png") && !file.hasSuffix("-FAILED.png") {
            if let kind = file.dropLast(4).split(separator: "-").last { shot.insert(String(kind)) }
        }
        let missing = Self.requiredScreens.filter { !shot.contains($0) }
        #expect(missing.isEmpty, "no screenshot of \(missing) in \(Self.screenshots) (screens shot: \(shot.sorted()))")
        #expect(shot.contains("takingReceipt") || shot.contains("finished"),
                "no screenshot of takingReceipt or finished in \(Self.screenshots) (screens shot: \(shot.sorted()))")
    }

    static func requireTools() throws {
        for tool in [python, chromium] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw TestFixtureError("\(tool) is missing: run `make test` (it installs chromium and the ui-venv with playwright)")
        }
    }

    /// Every demo resident's ID number and full name, with a masked description for messages.
    static func residentSecrets() throws -> [(value: String, what: String)] {
        let text = try String(contentsOfFile: residentsFile, encoding: .utf8)
        let assignment = try Regex(#"(?:^|[\s{,])(id_number|name)\s*=\s*"([^"]+)""#).anchorsMatchLineEndings()
        var secrets: [(value: String, what: String)] = []
        for match in text.matches(of: assignment) {
            guard let key = match.output[1].substring, let value = match.output[2].substring.map(String.init),
                  !secrets.contains(where: { $0.value == value }) else { continue }
            let masked = key == "name" ? "\(value.prefix(1))*" : "\(value.prefix(4))**********\(value.suffix(4))"
            secrets.append((value: value, what: key == "name" ? "the full name \(masked)…" : "the ID number \(masked)"))
        }
        guard secrets.count >= 2 else { throw TestFixtureError("no residents found in \(residentsFile)") }
        return secrets
    }

    static func tail(_ text: String, lines: Int = 200) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
