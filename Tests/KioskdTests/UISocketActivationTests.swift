import Foundation
import Glibc
import KioskCore
import KioskServer
import KioskTesting
import Testing

/// kioskd-ui.socket: systemd holds the resident screen's port and passes it to kioskd (sd_listen_fds(3)).
/// The test holds the socket as systemd would and starts kioskd the way systemd does.
@Suite("kioskd takes the resident screen's socket from systemd, so no local process can take the port")
struct UISocketActivationTests {
    @Test("a squatter cannot take the port while kioskd restarts; a page that connects meanwhile is answered by kioskd when it is back")
    func squatterDuringRestart() async throws {
        let held = try SystemdSocket()
        let kiosk = try ActivatedKiosk(listen: "127.0.0.1:\(held.port)")
        defer { kiosk.remove() }

        var daemon = try await kiosk.start(passing: held)
        let page = try LoopbackHTTP.get(port: UInt16(held.port), path: "/")
        #expect(page.status == 200 && page.body.contains("<html"), "kioskd served \(page.status)")

        // A crash (or the watchdog's SIGABRT): kioskd is gone, the port is not.
        daemon.signal(SIGKILL)
        #expect(await daemon.waitForExit(timeout: .seconds(30)) != nil)
        #expect(SystemdSocket.squat(host: "127.0.0.1", port: held.port) == EADDRINUSE, "a local process took 127.0.0.1:\(held.port)")
        #expect(SystemdSocket.squat(host: "0.0.0.0", port: held.port) == EADDRINUSE, "a local process took 0.0.0.0:\(held.port)")
        // The page reconnecting now waits in systemd's socket, not at a squatter's server.
        let waiting = try LoopbackHTTP.send(port: UInt16(held.port), path: "/", timeoutSeconds: 120)
        defer { close(waiting) }

        daemon = try await kiosk.start(passing: held)
        defer { daemon.stop() }
        let answered = try LoopbackHTTP.receive(waiting, port: UInt16(held.port), path: "/")
        #expect(answered.status == 200 && answered.body.contains("<html"))
        #expect(daemon.standardOutput.contains("ui_address=http://127.0.0.1:\(held.port)/"))
    }

    @Test("a socket on another port than [ui] listen, or not on loopback, is refused with both addresses (exit 78)")
    func refusedSockets() async throws {
        let held = try SystemdSocket()
        let mismatched = try ActivatedKiosk(listen: "127.0.0.1:\(held.port == 65535 ? 65534 : held.port + 1)")
        defer { mismatched.remove() }
        let wrongPort = try mismatched.spawn(passing: held)
        #expect(await wrongPort.waitForExit(timeout: .seconds(60)) == 78)
        #expect(wrongPort.standardOutput.contains("kioskd-ui.socket listens on 127.0.0.1:\(held.port)"), "kioskd said:\n\(wrongPort.standardOutput)")

        let everywhere = try SystemdSocket(host: "0.0.0.0")
        let exposed = try ActivatedKiosk(listen: "127.0.0.1:\(everywhere.port)")
        defer { exposed.remove() }
        let network = try exposed.spawn(passing: everywhere)
        #expect(await network.waitForExit(timeout: .seconds(60)) == 78)
        #expect(network.standardOutput.contains("listens on 0.0.0.0:\(everywhere.port); the resident screen listens on loopback only"),
                "kioskd said:\n\(network.standardOutput)")
    }

    @Test("sd_listen_fds: sockets for another pid are ignored; a bad count or name list is an error")
    func listenEnvironment() throws {
        #expect(try SystemdSocketActivation.takeListeners(environment: [:]).isEmpty)
        #expect(try SystemdSocketActivation.takeListeners(environment: ["LISTEN_PID": "1", "LISTEN_FDS": "1"], pid: 4242).isEmpty)
        #expect(throws: KioskError.self) {
            try SystemdSocketActivation.takeListeners(environment: ["LISTEN_PID": "4242", "LISTEN_FDS": "many"], pid: 4242)
        }
        #expect(throws: KioskError.self) {
            try SystemdSocketActivation.takeListeners(environment: ["LISTEN_PID": "4242", "LISTEN_FDS": "1", "LISTEN_FDNAMES": "ui:admin"], pid: 4242)
        }
    }
}

/// A kioskd configuration in its own folder, started as a socket-activated service.
private struct ActivatedKiosk {
    let work: TemporaryDirectory
    let configPath: String

    init(listen: String) throws {
        work = try TemporaryDirectory(prefix: "kioskd-socket")
        let configuration = DaemonFixture.configuration(version: 1, socketPath: work.file("admin.sock"))
            .replacingOccurrences(of: #"listen = "127.0.0.1:0""#, with: "listen = \"\(listen)\"")
        configPath = try work.write("kiosk.conf", configuration)
    }

    /// Starts kioskd with `socket` as its "ui" socket and waits for READY=1.
    func start(passing socket: SystemdSocket) async throws -> ChildProcess {
        // A folder of its own each start: the notify socket's file stays after the previous kioskd.
        let folder = try TemporaryDirectory(prefix: "kioskd-notify")
        defer { folder.remove() }
        let notify = try NotifySocket(directory: folder)
        let daemon = try spawn(passing: socket, notify: notify)
        let deadline = ContinuousClock.now + .seconds(60)
        var ready = false
        while !ready, daemon.isRunning, ContinuousClock.now < deadline {
            ready = await notify.waitFor("READY=1", timeout: .milliseconds(200)).found
        }
        guard ready else {
            let status = await daemon.waitForExit(timeout: .zero)
            daemon.stop()
            throw TestFixtureError("kioskd did not say READY=1 (exit status \(status.map(String.init) ?? "none, still running")); its log:\n\(daemon.standardOutput)\(daemon.standardError)")
        }
        return daemon
    }

    func spawn(passing socket: SystemdSocket, notify: NotifySocket? = nil) throws -> ChildProcess {
        let (shell, arguments) = SystemdSocket.activationCommand(RepositoryPaths.binary("kioskd"), ["--config", configPath], names: ["ui"])
        return try ChildProcess(shell, arguments, environment: notify.map { ["NOTIFY_SOCKET": $0.path] } ?? [:], workDirectory: work, passing: [socket.descriptor])
    }

    func remove() { work.remove() }
}
