import Foundation
import KioskConfig
import KioskCore
@testable import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import Testing

/// A PCSCCardReader on the test run's pcscd (Tests/KioskTesting/PCSCStack.swift), its SSC slot on
/// the "Virtual PCD SSC" reader and its ID slot on "Virtual PCD ID".
enum CardStack {
    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    static func withReader(
        database: DeviceDatabase? = nil, commandTimeout: Duration = .seconds(2),
        _ body: @escaping @Sendable (PCSCCardReader) async throws -> Void
    ) async throws {
        let database = try database ?? DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        try await PCSCStack.exclusively {
            let reader = PCSCCardReader(
                sscReader: .namePattern("Virtual PCD SSC*"), idcardReader: .namePattern("Virtual PCD ID*"), database: database,
                commandTimeout: commandTimeout, today: { today }, logger: Logger(label: "card-test")
            )
            let running = Task { try await reader.run() }
            do {
                try await waitUntil("both virtual readers are seen") { await bothReadersSeen(by: reader) }
                try await body(reader)
            } catch {
                running.cancel()
                _ = try? await running.value
                throw error
            }
            running.cancel()
            _ = try? await running.value
        }
    }

    /// vpcd gives each reader two slots ("… 00 00" and "… 00 01"); the tests use the first of each.
    static func bothReadersSeen(by reader: PCSCCardReader) async -> Bool {
        let names = await reader.readers().map(\.name)
        return names.contains(PCSCStack.sscReader.pcscName) && names.contains(PCSCStack.idcardReader.pcscName)
    }

    /// Inserts the card and waits until pcscd reports it (vpcd polls about every 400 ms).
    /// pcscd polls vpcd's readers; with the whole suite running on two cores its answer can take seconds.
    static let pcscdPatience: Duration = .seconds(30)

    static func insert(_ toml: String, into port: UInt16, reader: PCSCCardReader, fault: VirtualCardFault? = nil) async throws -> VirtualCardSession {
        do {
            return try await insertOnce(toml, into: port, reader: reader, fault: fault)
        } catch let stuck as StuckVPCDReader {
            // The test stack, not the code under test: pcscd's vpcd reader stopped taking connections
            // (seen once after a pcscd restart under a loaded full run), or pcscd itself never saw an
            // answering card. A fresh pcscd, then once more.
            print("warning: \(stuck); restarting pcscd and inserting the card again")
            await PCSCStack.shared.stop()
            try await PCSCStack.shared.start()
            try await waitUntil("both virtual readers are seen again", timeout: Self.pcscdPatience) { await bothReadersSeen(by: reader) }
            return try await insertOnce(toml, into: port, reader: reader, fault: fault)
        }
    }

    /// vpcd never took the card (its connection was not accepted, or never polled), or pcscd itself
    /// has no answering card in the reader although vpcd polled it.
    struct StuckVPCDReader: Error, CustomStringConvertible {
        var description: String
    }

    private static func insertOnce(_ toml: String, into port: UInt16, reader: PCSCCardReader, fault: VirtualCardFault?) async throws -> VirtualCardSession {
        let name = port == PCSCStack.sscReader.port ? PCSCStack.sscReader.pcscName : PCSCStack.idcardReader.pcscName
        // The previous test's card may still look present: pcscd notices a removal at its next poll.
        // The monitor lists a reader only once pcscd has told its state, so "empty" here is pcscd's answer.
        try await waitUntil("pcscd sees \(name) empty before the card goes in", timeout: Self.pcscdPatience) {
            await reader.readers().first { $0.name == name }?.cardPresent == false
        }
        let card = try VirtualCard(VirtualCardFile(toml: toml, source: "test card"))
        let session: VirtualCardSession
        do {
            session = try card.insert(port: port)
        } catch {
            guard case .connectFailed(_, _, let reason) = error, reason.contains("timed out") else { throw error }
            throw StuckVPCDReader(description: "vpcd on port \(port) did not accept the card's connection: \(reason)")
        }
        session.setFault(fault)
        do {
            try await waitUntil("pcscd sees the card in \(name)", timeout: Self.pcscdPatience) { await reader.readers().first { $0.name == name }?.cardPresent == true }
        } catch {
            guard session.polledByReader else {
                session.remove()
                throw StuckVPCDReader(description: "vpcd on port \(port) never polled the card in \(Self.pcscdPatience)")
            }
            let pcscd = pcscdState(of: name)
            session.remove()
            let seen = "vpcd polled the card (\(session.commandsReceived) APDUs), pcscd itself says \(pcscd.text); pcscd's log ends: \(await PCSCStack.shared.logTail())"
            // pcscd says there is a card the reader's monitor did not report: the code under test missed it.
            if pcscd.cardAnswers { throw TestFixtureError("\(error); the reader missed a card pcscd reports: \(seen)") }
            // pcscd itself has no answering card (seen under a loaded full run after the previous
            // test's card was pulled mid-transaction): the test stack, not the reader.
            throw StuckVPCDReader(description: "\(error); \(seen)")
        }
        return session
    }

    /// What pcscd says of `reader`, asked on a context of its own rather than the monitor's.
    static func pcscdState(of reader: String) -> (text: String, cardAnswers: Bool) {
        guard let context = try? PCSCContext() else { return ("nothing: it does not answer", false) }
        var states = [PCSCReaderState(name: reader)]
        let status = context.waitForChange(&states, timeoutMilliseconds: 0)
        guard status == .success, let state = states.first else { return ("\(status)", false) }
        if state.cardMute { return ("a card is present but mute (its power-up failed)", false) }
        return state.cardPresent ? ("a card is present (ATR \(state.atrText))", true) : ("the reader is empty (flags 0x\(String(state.flags, radix: 16)))", false)
    }

    static func remove(_ session: VirtualCardSession, from port: UInt16, reader: PCSCCardReader) async throws {
        session.remove()
        let name = port == PCSCStack.sscReader.port ? PCSCStack.sscReader.pcscName : PCSCStack.idcardReader.pcscName
        try await waitUntil("pcscd sees \(name) empty") { await reader.readers().first { $0.name == name }?.cardPresent == false }
    }

    /// A devices database whose vpcd model reads SSCs with the given profile keys.
    static func database(sscTable: String) throws -> DeviceDatabase {
        let directory = try TemporaryDirectory(prefix: "devices")
        for folder in ["readers", "scanners", "printers"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        try directory.write("readers/vpcd.toml", """
            name = "vpcd with a test profile"
            roles = ["ssc", "idcard"]
            name_patterns = ["Virtual PCD*"]

            [ssc]
            \(sscTable)
            """)
        defer { directory.remove() }
        return try DeviceDatabase.load(directory: directory.path)
    }
}
