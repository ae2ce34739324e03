import CLinuxProcess
import Foundation

/// A child process started with posix_spawn, with a clean signal mask and default signal actions.
///
/// Foundation's `Process` spawns from a dispatch worker thread and the child inherits that
/// thread's mask, in which SIGTERM is blocked: pcscd then never sees SIGTERM, and a daemon under
/// test would not behave as it does under systemd.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable`; standard output and error go to the given files (or /dev/null).
    /// `passing` descriptors become the child's 3, 4, … (as systemd passes sockets, sd_listen_fds(3)).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String], outputPath: String?, errorPath: String?,
        passing descriptors: [Int32] = []
    ) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        for (index, descriptor) in descriptors.enumerated() {
            // dup2 onto a different number clears close-on-exec; the same number would keep it.
            precondition(descriptor > 2 + Int32(descriptors.count), "pass descriptors numbered above the ones they become")
            posix_spawn_file_actions_adddup2(&actions, descriptor, 3 + Int32(index))
        }
        // Nothing else of the test process: SwiftNIO opens and accepts sockets without close-on-exec on
        // Linux, so a child would otherwise hold a test server's connection open after the client closed
        // it (the server then streams into the child for ever and never stops).
        kiosk_spawn_close_from(&actions, 3 + Int32(descriptors.count))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestFixtureError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    /// The exit status (or 128 + signal), or nil while the process runs.
    public var terminationStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    public var isRunning: Bool { terminationStatus == nil }

    public func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits up to `timeout`; returns the exit status, or nil if the process still runs.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = terminationStatus { return status }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// SIGTERM, then SIGKILL if it has not exited within `grace`.
    public func stop(grace: Duration = .seconds(5)) async {
        signal(SIGTERM)
        if await waitForExit(timeout: grace) == nil {
            signal(SIGKILL)
            _ = await waitForExit(timeout: .seconds(5))
        }
    }
}

/// A daemon a stack started has exited before it was ready: its exit status and the end of its
/// log say why (a configuration the installed version refuses, a port taken, a missing file).
public struct ProcessExitedEarly: Error, CustomStringConvertible {
    public let name: String
    public let status: Int32
    public let log: String

    public var description: String { "\(name) exited with status \(status) before it was ready; its log ends:\n\(log)" }

    /// The daemon could not bind its port: another process took it between choosing and binding.
    public var lostItsPort: Bool { log.localizedCaseInsensitiveContains("address already in use") }
}

extension SpawnedProcess {
    /// Waits until `isReady` holds while the process runs. Throws `ProcessExitedEarly` (status and
    /// log) as soon as the process exits, or says what it was waiting for when `timeout` passes.
    public func waitUntilReady(
        _ name: String, waitingFor: String, timeout: Duration, log: () -> String, isReady: () -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let ready = isReady()
            if let status = terminationStatus { throw ProcessExitedEarly(name: name, status: status, log: log()) }
            if ready { return }
            guard ContinuousClock.now < deadline else {
                throw TestFixtureError("\(name) (pid \(pid)) is running but did not \(waitingFor) within \(timeout); its log ends:\n\(log())")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

extension SpawnedProcess {
    /// Starts a daemon on a free loopback port and waits until it listens there. `start` spawns it
    /// for the port given and returns it with its log; a port another process took between choosing
    /// and binding is the only failure tried again (with another port).
    public static func startListeningOnFreePort(
        _ name: String, timeout: Duration, attempts: Int = 3,
        start: (_ port: UInt16) async throws -> (process: SpawnedProcess, log: () -> String)
    ) async throws -> (process: SpawnedProcess, port: UInt16) {
        var failures: [String] = []
        for _ in 1...attempts {
            let reserved = try ClosedPort()
            let port = UInt16(reserved.port)
            reserved.release()
            let (process, log) = try await start(port)
            StackCleanup.register(pid: process.pid)
            do {
                try await process.waitUntilReady(name, waitingFor: "listen on 127.0.0.1:\(port)", timeout: timeout, log: log) {
                    TCPListeners.isListening(port)
                }
                return (process, port)
            } catch let exited as ProcessExitedEarly where exited.lostItsPort {
                StackCleanup.unregister(pid: process.pid)
                failures.append("port \(port) was taken: \(exited)")
            } catch {
                await process.stop(grace: .seconds(2))
                StackCleanup.unregister(pid: process.pid)
                throw error
            }
        }
        throw TestFixtureError("\(name) found no free port in \(attempts) tries: \(failures.joined(separator: " | "))")
    }
}
