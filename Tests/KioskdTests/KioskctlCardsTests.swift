import Foundation
import KioskConfig
import KioskCore
import KioskSimulators
import KioskTesting
import Testing

@Suite("kioskctl cards through kioskd, a real pcscd and virtual cards", .serialized)
struct KioskctlCardsTests {
    static let readers = ["KIOSK_DEVICES_SSC_READER": "Virtual PCD SSC*", "KIOSK_DEVICES_IDCARD_READER": "Virtual PCD ID*"]

    @Test("cards read --json prints the holder masked, and the text form says the same")
    func readPrintsMaskedHolder() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: Self.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found, "kioskd: \(fixture.daemon.standardOutput)")
            try await Self.waitForReaders(4, fixture: fixture)
            // As the README asks of a technician: a card inserted in service is a resident's.
            try await Self.maintenanceOn(fixture)
            let card = try VirtualCard(VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/ssc-gen2.toml"))
                .insert(port: PCSCStack.sscReader.port)
            defer { card.remove() }
            try await Self.waitForCard(in: PCSCStack.sscReader.pcscName, fixture: fixture)

            let result = try await fixture.kioskctl(["cards", "read", "--json", "--socket", fixture.socketPath])
            #expect(result.status == 0, "kioskctl: \(result.error)")
            let report = try JSONDecoder().decode(CardReport.self, from: Data(result.output.utf8))
            #expect(report.kind == "ssc")
            #expect(report.reader == PCSCStack.sscReader.pcscName)
            #expect(report.specVersion == "2.00")
            #expect(report.idNumberValid)
            #expect(report.idNumber.count == 18 && report.idNumber.dropFirst(4).prefix(10).allSatisfy { $0 == "*" })
            #expect(report.name.count >= 2 && report.name.dropFirst().first == "*")
            #expect(report.cardNumber.map { $0.dropLast(3).allSatisfy { $0 == "*" } } == true)
            #expect(report.problem == nil)
            // The raw JSON carries no unmasked ID number: 18 characters of digits never appear.
            #expect(result.output.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil)

            let text = try await fixture.kioskctl(["cards", "read", "--reader", "Virtual PCD SSC*", "--socket", fixture.socketPath])
            #expect(text.status == 0)
            #expect(text.output.contains(report.idNumber) && text.output.contains("check character valid"))
        }
    }

    @Test("cards read without a card names the reader and fails")
    func readWithoutCard() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: Self.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
            try await Self.waitForReaders(4, fixture: fixture)
            try await Self.maintenanceOn(fixture)
            let result = try await fixture.kioskctl(["cards", "read", "--reader", "Virtual PCD ID*", "--socket", fixture.socketPath])
            #expect(result.status != 0)
            #expect(result.error.contains("no card in \(PCSCStack.idcardReader.pcscName)"), "stderr: \(result.error)")
            #expect(result.error.contains("[card.removed]"))
        }
    }

    @Test("cards watch shows the readers, then each insertion with its ATR and masked holder, then the removal")
    func watchStreamsEvents() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: Self.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
            try await Self.waitForReaders(4, fixture: fixture)
            try await Self.maintenanceOn(fixture)
            let watch = try ChildProcess(RepositoryPaths.binary("kioskctl"), ["cards", "watch", "--json", "--count", "7", "--socket", fixture.socketPath],
                                         workDirectory: fixture.work)
            defer { watch.stop() }
            // vpcd gives each of the two readers two slots: four readers are announced first.
            try await Self.waitForLines(4, of: watch)
            let file = try VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/idcard.toml")
            let card = try VirtualCard(file).insert(port: PCSCStack.idcardReader.port)
            try await Self.waitForLines(6, of: watch)
            card.remove()
            #expect(await watch.waitForExit(timeout: .seconds(10)) == 0, "kioskctl: \(watch.standardError)")
            let events = try watch.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(CardWatchEvent.self, from: Data($0.utf8)) }
            #expect(events.map(\.kind) == [.readerAdded, .readerAdded, .readerAdded, .readerAdded, .cardInserted, .cardRead, .cardRemoved])
            #expect(Set(events.prefix(4).compactMap(\.reader)).isSuperset(of: [PCSCStack.sscReader.pcscName, PCSCStack.idcardReader.pcscName]))
            #expect(events[4].reader == PCSCStack.idcardReader.pcscName)
            #expect(events[4].atr == file.atr.map { String(format: "%02X", $0) }.joined())
            let report = try #require(events[5].report)
            #expect(report.kind == "idcard" && report.expiryDate == "long-term" && report.idNumberValid)
            #expect(watch.standardOutput.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "an unmasked ID number was printed")
        }
    }

    @Test("kiosk-sim card insert / remove: a technician's virtual card, seen by kioskd, read, then removed")
    func kioskSimInsertAndRemove() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: Self.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
            try await Self.waitForReaders(4, fixture: fixture)
            try await Self.maintenanceOn(fixture)
            let environment = ["KIOSK_SIM_RUN_DIR": fixture.work.file("sim")]
            let port = "\(PCSCStack.sscReader.port)"
            let insert = try ChildProcess(RepositoryPaths.binary("kiosk-sim"),
                                          ["card", "insert", "--port", port, RepositoryPaths.devicesDatabase + "/cards/ssc-gen1.toml"],
                                          environment: environment, workDirectory: fixture.work)
            defer { insert.stop() }
            try await Self.waitForCard(in: PCSCStack.sscReader.pcscName, fixture: fixture)

            let again = try await ChildProcess.run(RepositoryPaths.binary("kiosk-sim"),
                                                   ["card", "insert", "--port", port, RepositoryPaths.devicesDatabase + "/cards/ssc-gen1.toml"],
                                                   environment: environment, workDirectory: fixture.work)
            #expect(again.status == 1 && again.error.contains("already inserted on port \(port)"))

            let read = try await fixture.kioskctl(["cards", "read", "--json", "--socket", fixture.socketPath])
            #expect(read.status == 0, "kioskctl: \(read.error)")
            let report = try JSONDecoder().decode(CardReport.self, from: Data(read.output.utf8))
            #expect(report.specVersion == "1.00" && report.name == "王*英" && report.idNumberValid)
            #expect(insert.standardOutput.contains("inserted"))
            #expect(!insert.standardOutput.contains("王秀英"), "kiosk-sim printed the holder's name")

            let remove = try await ChildProcess.run(RepositoryPaths.binary("kiosk-sim"), ["card", "remove", "--port", port],
                                                    environment: environment, workDirectory: fixture.work)
            #expect(remove.status == 0, "kiosk-sim card remove: \(remove.error)")
            #expect(await insert.waitForExit(timeout: .seconds(5)) == 0)
            let none = try await ChildProcess.run(RepositoryPaths.binary("kiosk-sim"), ["card", "remove", "--port", port],
                                                  environment: environment, workDirectory: fixture.work)
            #expect(none.status == 1 && none.error.contains("no card inserted on port \(port)"))
        }
    }

    @Test("kioskd survives pcscd being killed and restarted: the readers come back by themselves")
    func survivesPCSCDRestart() async throws {
        try await PCSCStack.exclusively {
            let fixture = try DaemonFixture(extraEnvironment: Self.readers)
            defer { fixture.stop() }
            #expect(await fixture.notify.waitFor("READY=1", timeout: .seconds(20)).found)
            try await Self.waitForReaders(4, fixture: fixture)
            try await Self.maintenanceOn(fixture)
            await PCSCStack.shared.stop()
            try await waitUntil("kioskd notices pcscd is gone", timeout: .seconds(60), poll: .milliseconds(50)) {
                fixture.daemon.standardOutput.contains("pcscd unreachable") || !fixture.daemon.isRunning
            }
            #expect(fixture.daemon.isRunning, "kioskd died with pcscd: \(fixture.daemon.standardError)")
            try await PCSCStack.shared.start()
            try await Self.waitForReaders(4, fixture: fixture)
            let card = try VirtualCard(VirtualCardFile.load(path: RepositoryPaths.devicesDatabase + "/cards/idcard.toml"))
                .insert(port: PCSCStack.idcardReader.port)
            defer { card.remove() }
            try await Self.waitForCard(in: PCSCStack.idcardReader.pcscName, fixture: fixture)
            let read = try await fixture.kioskctl(["cards", "read", "--json", "--socket", fixture.socketPath])
            #expect(read.status == 0, "kioskctl: \(read.error)")
            #expect(fixture.daemon.standardOutput.contains("pcscd reachable again"))
        }
    }

    @Test("kiosk-sim refuses a broken card file with exit 65, naming the file and key")
    func kioskSimRefusesBrokenFile() async throws {
        let work = try TemporaryDirectory(prefix: "sim")
        defer { work.remove() }
        let path = try work.write("broken.toml", "kind = \"ssc\"\n[holder]\nname = \"王秀英\"\n[ssc]\ngeneration = 4\n")
        let result = try await ChildProcess.run(RepositoryPaths.binary("kiosk-sim"), ["card", "check", path], workDirectory: work)
        #expect(result.status == 65)
        #expect(result.error.contains("broken.toml") && result.error.contains("ssc.generation"), "stderr: \(result.error)")
        #expect(!result.error.contains("王秀英"))
    }

    /// pcscd registers its readers one by one as it starts, and notices a card pulled by an
    /// earlier test only at its next poll: wait for all readers, and no card in any.
    static func maintenanceOn(_ fixture: DaemonFixture) async throws {
        let on = try await fixture.kioskctl(["maintenance", "on", "--reason", "reader check", "--socket", fixture.socketPath])
        guard on.status == 0 else { throw TestFixtureError("kioskctl maintenance on failed: \(on)") }
        try await waitUntil("the kiosk is in maintenance", timeout: .seconds(30), poll: .milliseconds(100)) { try await fixture.status().session == "maintenance" }
    }

    /// The readers kioskd lists now, as `kioskctl cards readers --json` prints them.
    static func readers(_ fixture: DaemonFixture) async throws -> (listed: [CardReaderInfo], output: String) {
        let result = try await fixture.kioskctl(["cards", "readers", "--json", "--socket", fixture.socketPath])
        return ((try? JSONDecoder().decode([CardReaderInfo].self, from: Data(result.output.utf8))) ?? [], result.output)
    }

    /// A minute is a safety net for a loaded machine, not a timing.
    static func waitForReaders(_ count: Int, fixture: DaemonFixture) async throws {
        let seen = try await eventually(within: .seconds(60), poll: .milliseconds(100)) {
            let readers = try await Self.readers(fixture).listed
            return readers.count >= count && !readers.contains(where: \.cardPresent)
        }
        if !seen { throw TestFixtureError("kioskd never saw \(count) empty readers: \(try await Self.readers(fixture).output)") }
    }

    /// pcscd notices a card at its next poll of vpcd (about 400 ms).
    static func waitForCard(in reader: String, fixture: DaemonFixture) async throws {
        let seen = try await eventually(within: .seconds(60), poll: .milliseconds(100)) {
            try await Self.readers(fixture).listed.contains { $0.name == reader && $0.cardPresent }
        }
        if !seen { throw TestFixtureError("kioskd never saw the card in \(reader): \(try await Self.readers(fixture).output)") }
    }

    static func waitForLines(_ count: Int, of process: ChildProcess) async throws {
        let printed = try await eventually(within: .seconds(60), poll: .milliseconds(50)) {
            process.standardOutput.split(separator: "\n").count >= count || !process.isRunning
        }
        let lines = process.standardOutput.split(separator: "\n").count
        if !printed || lines < count {
            throw TestFixtureError("kioskctl cards watch printed \(lines) of \(count) lines: \(process.standardOutput) \(process.standardError)")
        }
    }
}
