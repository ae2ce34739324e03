import ArgumentParser
import Glibc

struct CardRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove the virtual card a `kiosk-sim card insert` holds in a vpcd reader (SIGTERM, waits up to 3 s).",
        discussion: "Exits 1 when no card is inserted on the port."
    )

    @Option(help: "TCP port of the vpcd reader.")
    var port: UInt16

    func run() throws {
        let pidFile = RunDirectory.current().pidFile(port: port)
        guard let pid = pidFile.livePID() else {
            if pidFile.exists { pidFile.remove() }  // left by a killed kiosk-sim
            ConsoleOutput.error("no card inserted on port \(port)")
            throw ExitCode.failure
        }
        guard kill(pid, SIGTERM) == 0 else {
            ConsoleOutput.error("cannot signal kiosk-sim (pid \(pid)): \(String(cString: strerror(errno)))")
            throw ExitCode.failure
        }
        // The inserter deletes its pid file once the socket is closed (its process may linger as a
        // zombie of whoever started it, so the file is the signal to watch).
        for _ in 0..<150 {
            if !pidFile.exists || !PIDFile.isRunningKioskSim(pid) { return }
            usleep(20_000)
        }
        ConsoleOutput.error("kiosk-sim (pid \(pid)) did not exit within 3 s")
        throw ExitCode.failure
    }
}
