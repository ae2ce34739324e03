import ArgumentParser
import Foundation
import Glibc
import KioskSimulators

/// `kiosk-sim idcard-serial`: a GA 467 ID-card reader on a serial line (a pseudo-terminal), with or
/// without a card on it, until SIGTERM or SIGINT. Lines on standard input lift the card off and lay
/// it (or another) on again, as a resident does.
struct SerialIDCardReaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idcard-serial",
        abstract: "A virtual GA 467 ID-card reader on a serial line: prints the device to set as idcard_reader, answers until SIGTERM or SIGINT.",
        discussion: """
            kioskd opens the printed device (a pseudo-terminal's slave end) as it would /dev/ttyUSB0: \
            kiosk.conf [devices] idcard_reader = "serial:/dev/pts/N". With a card file, the card lies on the \
            reader; without, the reader is empty. While it runs, type `lift` to take the card off, `lay` to \
            lay it on again, or `lay FILE` to lay another ID card. Exits 65 when the card file given as \
            argument is invalid or not an ID card.
            """
    )

    @Argument(help: "An ID-card file (TOML; samples in Devices/cards/idcard*.toml) to put on the reader.")
    var file: String?

    func run() throws {
        let signals = TerminationSignals.block()
        var card: VirtualCardFile.IDCard?
        if let file {
            do {
                card = try Self.idCard(file)
            } catch {
                ConsoleOutput.error("\(error)")
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
        ConsoleOutput.line("type lift, lay or lay FILE")
        let lastCard = card
        // Started in the background of a terminal (`&`), a read would stop the whole simulator with
        // SIGTTIN; ignored, the read fails and only the commands end.
        signal(SIGTTIN, SIG_IGN)
        Thread.detachNewThread { Self.takeCommands(reader: reader, card: lastCard) }
        _ = signals.wait(while: { true })
        reader.unplug()
    }

    /// The ID card in `path`, or what is wrong with it.
    static func idCard(_ path: String) throws -> VirtualCardFile.IDCard {
        do {
            guard case .idCard(let idCard) = try VirtualCardFile.load(path: path).content else {
                throw ValidationError("\(path) is a social security card; an ID-card reader takes ID cards (Devices/cards/idcard*.toml)")
            }
            return idCard
        } catch let error as VirtualCardFileError {
            throw ValidationError(error.description)
        }
    }

    /// `lift`, `lay` and `lay FILE` from standard input, until it ends; a bad line is answered on
    /// standard error and the reader stays as it was.
    static func takeCommands(reader: PseudoTerminalIDCardReader, card: VirtualCardFile.IDCard?) {
        var card = card
        while let line = readLine() {
            let words = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            switch (words.first, words.count) {
            case ("lift", 1):
                reader.place(nil)
                ConsoleOutput.line("the card is off the reader")
            case ("lay", 1):
                guard let card else {
                    ConsoleOutput.error("no card to lay: say which, lay FILE")
                    continue
                }
                reader.place(card)
                ConsoleOutput.line("the card is on the reader")
            case ("lay", 2):
                do {
                    card = try idCard(words[1])
                    reader.place(card)
                    ConsoleOutput.line("the card from \(words[1]) is on the reader")
                } catch {
                    ConsoleOutput.error("\(error)")
                }
            case (nil, _):
                continue
            default:
                ConsoleOutput.error("\"\(line)\": not lift, lay or lay FILE")
            }
        }
    }
}
