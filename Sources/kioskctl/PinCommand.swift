import ArgumentParser
import Foundation
import Glibc
import KioskAPI
import KioskConfig
import KioskCore

struct PinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "The technician PIN of the on-screen service menu.",
        subcommands: [PinHashCommand.self, PinUnlockCommand.self]
    )
}

struct PinHashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Read a 6–8 digit PIN twice (not echoed) and print its hash for /etc/kioskd/technician-pin.",
        discussion: "Needs no kioskd. As root: kioskctl pin hash > /etc/kioskd/technician-pin (mode 0600), then systemctl restart kioskd; kioskd.service passes the file as a systemd credential. The PIN itself is stored nowhere."
    )

    @Flag(name: .long, help: "Read the PIN once from standard input, echoed or piped (for scripts).")
    var stdin = false

    func run() async throws {
        let pin: String
        if stdin {
            pin = (readLine(strippingNewline: true) ?? "").trimmingCharacters(in: .whitespaces)
        } else {
            let first = try Self.readHidden(prompt: "technician PIN (6–8 digits): ")
            let second = try Self.readHidden(prompt: "again: ")
            guard first == second else { throw ValidationError("the two PINs differ; nothing printed") }
            pin = first
        }
        guard TechnicianPINHash.isWellFormed(pin: pin) else { throw ValidationError("a technician PIN is 6 to 8 digits") }
        print(try TechnicianPINHash(pin: pin).encoded)
    }

    /// Reads a line from the terminal with echo off (and back on afterwards).
    private static func readHidden(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let isTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        }
        defer {
            if isTerminal {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("no PIN on standard input") }
        return line
    }
}

struct PinUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Lift the lockout of the on-screen PIN pad (after 5 wrong PINs), audited as this user.",
        discussion: "The lockout survives kioskd restarts and grows with each one in a row (15 min, 30 min, … 4 h), so no one at the screen can try PINs faster; a technician with the admin socket lifts it."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let change: (status: UInt, answer: ServiceMenuUnlock) = try await AdminClient(socketPath: connection.socket).post("/v1/service-menu/unlock")
        print(change.answer.wasLocked ? "✔ the PIN pad was locked; it takes PINs again" : "✔ the PIN pad was not locked")
    }
}
