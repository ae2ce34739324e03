import ArgumentParser
import Glibc
import KioskSimulators

/// `kiosk-sim idcard-serial`: a GA 467 ID-card reader on a serial line (a pseudo-terminal), with or
/// without a card on it, until SIGTERM or SIGINT.
struct SerialIDCardReaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idcard-serial",
        abstract: "A virtual GA 467 ID-card reader on a serial line: prints the device to set as idcard_reader, answers until SIGTERM or SIGINT.",
        discussion: """
            kioskd opens the printed device (a pseudo-terminal's slave end) as it would /dev/ttyUSB0: \
            kiosk.conf [devices] idcard_reader = "serial:/dev/pts/N". With a card file, the card lies on the \
            reader; without, the reader is empty. Exits 65 when the card file is invalid or not an ID card.
            """
    )

    @Argument(help: "An ID-card file (TOML; samples in Devices/cards/idcard*.toml) to put on the reader.")
    var file: String?

    func run() throws {
        let signals = TerminationSignals.block()
        var card: VirtualCardFile.IDCard?
        if let file {
            do {
                guard case .idCard(let idCard) = try VirtualCardFile.load(path: file).content else {
                    ConsoleOutput.error("\(file) is a social security card; an ID-card reader takes ID cards (Devices/cards/idcard*.toml)")
                    throw SimExitCode.dataError
                }
                card = idCard
            } catch let error as VirtualCardFileError {
                ConsoleOutput.error(error.description)
                throw SimExitCode.dataError
            }
        }
        let reader: PseudoTerminalIDCardReader
        do {
            reader = try PseudoTerminalIDCardReader()
        } catch {
            ConsoleOutput.error("kiosk-sim: \(error)")
            throw SimExitCode.cannotCreate
        }
        reader.place(card)
        ConsoleOutput.line("serial:\(reader.devicePath)")
        ConsoleOutput.line(card == nil ? "an empty ID-card reader; SIGTERM or Ctrl-C stops it" : "an ID-card reader with the card from \(file ?? "") on it; SIGTERM or Ctrl-C stops it")
        _ = signals.wait(while: { true })
        reader.unplug()
    }
}
