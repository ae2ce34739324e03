import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import Logging

/// `kiosk-sim terminal`: the virtual PIN pad on the network, for a kioskd (or any nexo sale system)
/// to take cards without hardware. The cardholder is typed on standard input, or `--auto` pays every
/// payment with one sample card.
// Synchronous like the rest of kiosk-sim: an async root command would start the concurrency
// runtime's threads before `card insert` blocks SIGTERM (TerminationSignals), and the signal would
// then kill it instead of removing the card cleanly. The pad runs on a task; this thread waits.
struct TerminalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal",
        abstract: "A virtual PIN pad speaking nexo (Adyen Terminal API, local integration) over HTTPS.",
        discussion: """
            Writes the root its certificate chains to (terminal-root.pem) and the message key's passphrase \
            (terminal.passphrase) into --out, prints the [terminal] section a kiosk.conf needs, and serves until \
            standard input ends or `quit`. Cardholder commands, one per line: insert CARD, tap CARD, pin correct|wrong|DIGITS, \
            cancel, remove, fault busy|answerLostAfterApproval|answerLost|restartMidTransaction|neverAnswers|inProgress|declineReversal, \
            clear, offline, online, status, quit. Cards: unionPayDebit, socialSecurityCard, insufficientFunds, expired, blocked.
            """
    )

    @Option(help: "host:port to listen on.")
    var listen = "127.0.0.1:8443"

    @Option(name: .customLong("poi-id"), help: "The terminal's POIID.")
    var poiID = "KIOSKSIM-0001"

    @Option(help: "The message key's identifier (kiosk.conf terminal.key_identifier).")
    var keyIdentifier = "kioskd-demo"

    @Option(help: "The message key's version.")
    var keyVersion = 1

    @Option(help: "Folder for terminal-root.pem and terminal.passphrase.")
    var out = "."

    @Option(help: "Pay every payment with this sample card and its PIN, without input.")
    var auto: String?

    func validate() throws {
        if let auto, Self.card(auto) == nil {
            throw ValidationError("--auto \(auto): no such sample card (\(SimulatedBankCard.samples.map(\.name).joined(separator: ", ")))")
        }
        guard Self.hostAndPort(listen) != nil else { throw ValidationError("--listen \(listen): not host:port") }
    }

    func run() throws {
        let options = self
        let outcome = Outcome()
        Task.detached {
            do {
                try await options.serve()
            } catch {
                outcome.failure = error
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let failure = outcome.failure { throw failure }
    }

    final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        /// Written once by the serving task before it signals `done`.
        var failure: (any Error)?
    }

    func serve() async throws {
        guard let (host, port) = Self.hostAndPort(listen) else { throw ExitCode.validationFailure }
        let certificateName = "\(poiID).demo.terminal.kioskd"
        let credentials: SimulatedTerminalCredentials
        let security: NexoMessageSecurity
        do {
            credentials = try SimulatedTerminalCredentials.generate(certificateName: certificateName, now: WallClock.system.now())
            security = try NexoMessageSecurity(keyIdentifier: keyIdentifier, keyVersion: keyVersion, passphrase: credentials.passphrase)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try Self.write(credentials.rootPEM, to: out + "/terminal-root.pem", mode: 0o644)
            try Self.write(credentials.passphrase + "\n", to: out + "/terminal.passphrase", mode: 0o600)
        } catch {
            ConsoleOutput.error("kiosk-sim terminal: cannot prepare its key and certificate in \(out): \(error)")
            throw SimExitCode.cannotCreate
        }
        let pad = SimulatedPaymentTerminal(poiID: poiID)
        let server: SimulatedTerminalServer
        do {
            server = try await SimulatedTerminalServer.start(terminal: pad, credentials: credentials, security: security, host: host, port: port,
                                                             logger: Logger(label: "kiosk-sim terminal"))
        } catch {
            ConsoleOutput.error("kiosk-sim terminal: cannot listen on \(listen): \(error)")
            throw SimExitCode.unavailable
        }
        let directory = URL(fileURLWithPath: out).standardizedFileURL.path
        print("""
            kiosk-sim terminal: \(poiID) listening on \(host):\(server.port)
            [terminal]
            address = "\(host):\(server.port)"
            poi_id = "\(poiID)"
            certificate_name = "\(certificateName)"
            ca_file = "\(directory)/terminal-root.pem"
            key_identifier = "\(keyIdentifier)"
            key_version = \(keyVersion)
            passphrase_file = "\(directory)/terminal.passphrase"
            """)
        fflush(nil)
        let autoCard = auto.flatMap(Self.card)
        let display = Task {
            for await screen in await pad.screens() {
                print("pad: \(screen)")
                fflush(nil)
                guard let autoCard else { continue }
                switch screen {
                case .presentCard: await pad.present(autoCard)
                case .enterPIN: await pad.enterPIN(autoCard.pin)
                case .removeCard: await pad.removeCard()
                default: break
                }
            }
        }
        for await line in Self.standardInputLines() {
            guard await Self.obey(line, pad: pad, server: server) else { break }
        }
        if autoCard != nil, isatty(STDIN_FILENO) == 0 {
            // Standard input ended (a service or a test): with --auto the pad keeps serving until killed.
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
        }
        display.cancel()
        await server.stop()
    }

    /// One cardholder command; false on `quit`.
    static func obey(_ line: String, pad: SimulatedPaymentTerminal, server: SimulatedTerminalServer) async -> Bool {
        let words = line.split(separator: " ").map(String.init)
        guard let command = words.first else { return true }
        let argument = words.dropFirst().first
        let done: Bool
        switch command {
        case "insert", "tap":
            guard let card = argument.flatMap(card) else {
                print("which card? \(SimulatedBankCard.samples.map(\.name).joined(separator: ", "))")
                return true
            }
            done = await pad.present(card, by: command == "tap" ? .tap : .insert)
        case "pin":
            guard let card = await pad.presentedCard else {
                print("no card in the pad")
                return true
            }
            let pin = switch argument {
            case "wrong": String(card.pin.dropLast()) + (card.pin.last == "0" ? "1" : "0")
            case "correct", nil: card.pin
            case let digits?: digits
            }
            done = await pad.enterPIN(pin)
        case "cancel": done = await pad.cancelAtPINPad()
        case "remove": done = await pad.removeCard()
        case "clear":
            await pad.clearFaults()
            done = true
        case "fault":
            guard let fault = argument.flatMap(SimulatedTerminalFault.init(name:)) else {
                print("which fault? \(SimulatedTerminalFault.names.joined(separator: ", "))")
                return true
            }
            await pad.inject(fault)
            done = true
        case "offline", "online":
            server.isOnline = command == "online"
            done = true
        case "status":
            print("pad: \(await pad.screen); kept \(await pad.charged) over \(await pad.transactions.count) transactions")
            done = true
        case "quit": return false
        default:
            print("unknown command \"\(command)\": insert, tap, pin, cancel, remove, fault, clear, offline, online, status, quit")
            return true
        }
        if !done { print("the pad does not take \"\(command)\" now (it shows \(await pad.screen))") }
        fflush(nil)
        return true
    }

    static func card(_ name: String) -> SimulatedBankCard? {
        SimulatedBankCard.sample(named: name)
    }

    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (String(text[..<colon]), port)
    }

    static func write(_ text: String, to path: String, mode: mode_t) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode)
    }

    /// Standard input's lines, read on a thread of their own.
    static func standardInputLines() -> AsyncStream<String> {
        AsyncStream { continuation in
            Thread.detachNewThread {
                while let line = readLine() { continuation.yield(line.trimmingCharacters(in: .whitespaces)) }
                continuation.finish()
            }
        }
    }
}
