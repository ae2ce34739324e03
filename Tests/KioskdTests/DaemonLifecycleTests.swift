import Foundation
import Glibc
import KioskAPI
import KioskCore
import KioskTesting
import Testing

@Suite("kioskd lifecycle: systemd notification, admin socket, signals")
struct DaemonLifecycleTests {
    @Test("READY=1 arrives, kioskctl status answers, SIGTERM exits 0 within 2 s with STOPPING=1")
    func readyStatusAndGracefulStop() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.stop() }
        let ready = await fixture.notify.waitFor("READY=1", timeout: .seconds(20))
        #expect(ready.found, "no READY=1; kioskd said:\n\(fixture.daemon.standardOutput)\n\(fixture.daemon.standardError)")

        var info = stat()
        #expect(stat(fixture.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)

        let status = try await fixture.status()
        #expect(status.kioskID == "TEST-0001")
        #expect(status.mode == .production)
        #expect(status.configVersion == 1)
        #expect(status.version == KioskVersion.current)
        #expect(status.devices.map(\.role) == [.sscReader, .idcardReader, .scanner, .printer])
        #expect(!status.backend.reachable)
        #expect(status.backend.detail.contains("127.0.0.1:9"))
        let printer = try #require(status.devices.last)
        #expect(printer.state == .offline)
        // Production runs the resident session on PC/SC, libusb and CUPS. The journal is empty, so nothing
        // holds it closed, but the backend never answers: two failed checks take it out of service.
        try await waitUntil("the unreachable backend takes the session out of service", timeout: .seconds(20), poll: .milliseconds(200)) {
            try await fixture.status().session == "outOfService"
        }
        let journal = try #require(status.journal)
        #expect(journal.path == fixture.socketPath + ".journal")
        #expect(journal.summary?.unresolved == 0, "\(journal)")

        let text = try await fixture.kioskctl(["status", "--socket", fixture.socketPath])
        #expect(text.status == 0)
        #expect(text.output.contains("kiosk       TEST-0001 (production)"))
        #expect(text.output.contains("backend     UNREACHABLE"))
        #expect(text.output.contains("journal     0 unresolved, 0 receipts owed"))

        let start = ContinuousClock.now
        fixture.daemon.signal(SIGTERM)
        let exit = await fixture.daemon.waitForExit(timeout: .seconds(2))
        #expect(exit == 0, "kioskd did not exit 0 within 2 s of SIGTERM (took \(ContinuousClock.now - start))")
        #expect(await fixture.notify.waitFor("STOPPING=1", timeout: .seconds(1)).found)
    }

    @Test("kioskd forbids core dumps of itself: started with an unlimited core size, it runs with 0")
    func noCoreDumps() async throws {
        let work = try TemporaryDirectory(prefix: "kioskd-core")
        defer { work.remove() }
        let config = try work.write("kiosk.conf", DaemonFixture.configuration(version: 1, socketPath: work.file("admin.sock")))
        let notify = try NotifySocket(directory: work)
        let daemon = try ChildProcess("/bin/sh", ["-c", "ulimit -c unlimited && exec \"$0\" \"$@\"", RepositoryPaths.binary("kioskd"), "--config", config],
                                      environment: ["NOTIFY_SOCKET": notify.path], workDirectory: work)
        defer { daemon.stop() }
        #expect(await notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd said:\n\(daemon.standardOutput)")
        let limits = try String(contentsOfFile: "/proc/\(daemon.pid)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(core.map { Array($0.suffix(3)) } == ["0", "0", "bytes"], "\(limits)")
    }

    @Test("SIGINT also stops kioskd gracefully")
    func sigintStops() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
        fixture.daemon.signal(SIGINT)
        #expect(await fixture.daemon.waitForExit(timeout: .seconds(2)) == 0)
    }

    @Test("WATCHDOG=1 is sent at half of WATCHDOG_USEC while the admin API answers")
    func watchdogPings() async throws {
        let fixture = try DaemonFixture(extraEnvironment: ["WATCHDOG_USEC": "400000"])
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
        // Generous windows: the whole suite shares two cores with pcscd and several kioskd processes.
        let first = await fixture.notify.waitFor("WATCHDOG=1", timeout: .seconds(10))
        let second = await fixture.notify.waitFor("WATCHDOG=1", timeout: .seconds(10))
        #expect(first.found && second.found)
    }

    @Test("SIGHUP reloads a valid configuration and refuses an invalid one, keeping the old")
    func sighupReload() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.stop() }
        #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)

        try DaemonFixture.configuration(version: 2, socketPath: fixture.socketPath)
            .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        fixture.daemon.signal(SIGHUP)
        #expect(try await eventually { try await fixture.status().configVersion == 2 })

        try (DaemonFixture.configuration(version: 3, socketPath: fixture.socketPath) + "\nbogus = 1\n")
            .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        fixture.daemon.signal(SIGHUP)
        #expect(try await eventually { fixture.daemon.standardOutput.contains("configuration reload refused") })
        #expect(fixture.daemon.standardOutput.contains("updates.bogus: is not a known key here"))
        #expect(try await fixture.status().configVersion == 2)
    }

    @Test("kioskd refuses to start on an invalid configuration with EX_CONFIG and the problems logged")
    func refusesInvalidConfiguration() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let path = try work.write("kiosk.conf", "[kiosk]\nid = \"K\"\n")
        let result = try await ChildProcess.run(RepositoryPaths.binary("kioskd"), ["--config", path], workDirectory: work)
        #expect(result.status == 78)
        #expect(result.output.contains("kiosk.region: is missing"))
    }
}
