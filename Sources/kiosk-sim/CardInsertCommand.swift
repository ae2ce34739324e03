import KioskConfig
import ArgumentParser
import Glibc
import KioskSimulators

struct CardInsertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insert",
        abstract: "Insert a virtual card into a vpcd reader and answer it until SIGTERM, SIGINT or `kiosk-sim card remove`.",
        discussion: "Exits 65 when the card file is invalid, 69 when nothing listens on the port (or vpcd goes away)."
    )

    @Option(help: "Host of pcscd's vpcd reader.")
    var host = "127.0.0.1"

    @Option(help: "TCP port of the vpcd reader (its CHANNELID).")
    var port: UInt16

    @Argument(help: "The card file (TOML; samples in Devices/cards/).")
    var file: String

    @Flag(help: "Do not print a line per command APDU.")
    var quiet = false

    func run() throws {
        let signals = TerminationSignals.block()
        let card: VirtualCardFile
        do {
            card = try VirtualCardFile.load(path: file)
        } catch {
            ConsoleOutput.error(error.description)
            throw SimExitCode.dataError
        }
        let runDirectory = RunDirectory.current()
        let pidFile = runDirectory.pidFile(port: port)
        do {
            try runDirectory.prepare()
        } catch {
            ConsoleOutput.error("kiosk-sim: \(error.message)")
            throw SimExitCode.cannotCreate
        }
        if let pid = pidFile.livePID() {
            ConsoleOutput.error("a card is already inserted on port \(port) (kiosk-sim pid \(pid)); `kiosk-sim card remove --port \(port)` removes it")
            throw ExitCode.failure
        }

        let log = InsertionLog(quiet: quiet)
        let session: VirtualCardSession
        do {
            session = try VirtualCard(card).insert(host: host, port: port, onEvent: log.record)
        } catch {
            ConsoleOutput.error(error.description)
            throw SimExitCode.unavailable
        }
        do {
            try pidFile.write(getpid())
        } catch {
            session.remove()
            ConsoleOutput.error("kiosk-sim: \(error.message)")
            throw SimExitCode.cannotCreate
        }
        defer { pidFile.remove() }
        log.announce("inserted \(card.kind.rawValue) card from \(file) into \(host):\(port); `kiosk-sim card remove --port \(port)` removes it")

        let signal = signals.wait(while: { session.isConnected })
        session.remove()  // also waits until the session's last event is logged
        if signal != nil { return }
        switch log.closeReason {
        case .connectionLost?:
            ConsoleOutput.error("vpcd closed the connection on \(host):\(port) (pcscd stopped?)")
            throw SimExitCode.unavailable
        default:
            return
        }
    }
}

