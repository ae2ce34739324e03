import Glibc
import Synchronization

/// Chromium as kiosk-browser's child. Spawned with posix_spawn, an empty signal mask and default
/// signal actions, in kiosk-browser's own process group: Foundation's `Process` on Linux spawns from a
/// dispatch thread whose mask blocks SIGTERM (the child inherits it) and gives the child a process
/// group of its own. Signals go to Chromium only until it has been reaped, so a pid the kernel has
/// handed to another process is never signalled.
final class ChromiumProcess: Sendable {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    private let reaped = Mutex(false)

    init(_ commandLine: [String]) throws(ChromiumSpawnError) {
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
        let argv = commandLine.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, commandLine[0], nil, &attributes, argv, environ)
        guard result == 0 else { throw ChromiumSpawnError(path: commandLine[0], errno: result) }
        pid = child
    }

    /// Sends `number` to Chromium, unless it has already been reaped.
    func signal(_ number: Int32) {
        reaped.withLock { reaped in
            if !reaped { kill(pid, number) }
        }
    }

    /// Blocks the calling thread until Chromium ends, then reaps it.
    func waitForEnd() -> Ending {
        // Wait without reaping (WNOWAIT): until the reap below, the pid stays Chromium's zombie.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        return reaped.withLock { reaped in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            reaped = true
            let signal = status & 0x7f
            return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        }
    }
}

struct ChromiumSpawnError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32
    var description: String { "cannot start \(path): \(String(cString: strerror(errno)))" }
}
