import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import ServiceLifecycle
import Testing

/// The ID-card slot on a GA 467 reader behind a real serial line: `GA467Reader` on a `SerialGA467Port` opens the
/// slave end of a pseudo-terminal with termios, and the virtual SAM answers on the master end
/// (`PseudoTerminalIDCardReader`). Polling runs on a `TestClock`; the line itself is real.
@Suite("resident ID cards read from a GA 467 reader on a serial line (a pty pair)", .serialized)
struct IDCardOverSerialTests {
    static let pollInterval: Duration = .milliseconds(500)
    /// How long a test waits for the reader's service to finish a poll or publish an event: a safety
    /// net for a loaded machine (the whole suite on two cores), never a measurement.
    static let patience: Duration = .seconds(60)

    /// A started reader on a fresh pty; `body` gets the reader, the virtual device and the clock.
    /// `link`, when given, is the path the reader opens: a link to the pty's device made there, as
    /// udev links a reader to /dev/kioskd-idcard.
    static func withSerialReader(
        commandTimeout: Duration = .seconds(2), link: String? = nil,
        _ body: (GA467Reader, PseudoTerminalIDCardReader, TestClock) async throws -> Void
    ) async throws {
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        if let link { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: device.devicePath) }
        let clock = TestClock()
        let settings = GA467Reader.Settings(commandTimeout: commandTimeout, pollInterval: pollInterval)
        let reader = GA467Reader(port: SerialGA467Port(path: link ?? device.devicePath, clock: ContinuousClock()), settings: settings, clock: clock,
                                 today: { CardStack.today }, logger: Logger(label: "serial-test"))
        try await whileRunning(reader, logger: Logger(label: "serial-test")) {
            // The first poll opens the device and asks its SAM; then the service sleeps on the clock.
            try await clock.waitForSleepers(timeout: IDCardOverSerialTests.patience)
            try await body(reader, device, clock)
        }
    }

    /// The reader's next insertion or removal, or a failure when none comes.
    static func nextEvent(_ reader: GA467Reader) async throws -> CardEvent? {
        try await within(IDCardOverSerialTests.patience, "a card event") { await reader.events.first { _ in true } }
    }

    /// The next technician's event, or a failure when none comes.
    static func nextWatchEvent(_ stream: AsyncStream<CardWatchEvent>) async throws -> CardWatchEvent? {
        try await within(IDCardOverSerialTests.patience, "a watch event") { await stream.first { _ in true } }
    }

    /// One poll: the service's sleep ends, it asks "find card", and sleeps again.
    static func poll(_ clock: TestClock) async throws {
        clock.advance(by: pollInterval)
        try await clock.waitForSleepers(timeout: IDCardOverSerialTests.patience)
    }

    @Test("the card reads as the same CardHolder as through the PC/SC tunnel; the SAM is checked and numbered when the line opens")
    func readsLikeTheTunnel() async throws {
        let card = try TestCards.virtualIDCard()
        let tunnel = SimulatedCardReader(today: { CardStack.today })
        tunnel.insert(try VirtualCardFile(toml: TestCards.idCard(), source: "test"))
        let expected = try await tunnel.read(.idCard)
        try await Self.withSerialReader { reader, device, _ in
            device.place(card)
            let holder = try await reader.read()
            #expect(holder == expected)
            #expect(holder.name == "陈德明" && holder.idNumber == "500119197008150552" && holder.photo?.count == 1024)
            let status = reader.status()
            #expect(status.state == .online)
            #expect(status.detail.contains("SAM 05.01-"), "\(status.detail)")
            // What went over the line: SAM status and number at open, then find, select, read.
            let sent = device.commands.map { Array($0[7...8]) }
            #expect(sent.prefix(2) == [[0x11, 0xFF], [0x12, 0xFF]])
            #expect(sent.suffix(3) == [[0x20, 0x01], [0x20, 0x02], [0x30, 0x01]])
        }
    }

    @Test("placing and lifting the card is seen at the next poll: inserted, then removed, once each")
    func insertAndRemove() async throws {
        let card = try TestCards.virtualIDCard()
        try await Self.withSerialReader { reader, device, clock in
            try await Self.poll(clock)
            #expect(!reader.cardPresent)
            device.place(card)
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .inserted(.idCard))
            try await Self.poll(clock)
            #expect(reader.cardPresent)
            device.place(nil)
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .removed(.idCard))
            #expect(!reader.cardPresent)
        }
    }

    @Test("line noise before an answer is skipped and counted; the read succeeds")
    func noiseBeforeAnswer() async throws {
        try await Self.withSerialReader { reader, device, _ in
            device.place(try TestCards.virtualIDCard())
            device.inject(.noiseBefore([0x00, 0xAA, 0x13, 0xAA, 0xAA, 0x55, 0xFF]))
            #expect(try await reader.read().name == "陈德明")
            #expect(reader.status().detail.contains("7 byte(s) of line noise"), "\(reader.status().detail)")
        }
    }

    @Test("a truncated answer and a corrupt checksum fail that read with card.unreadable; the next read works")
    func brokenFrames() async throws {
        try await Self.withSerialReader(commandTimeout: .milliseconds(400)) { reader, device, _ in
            device.place(try TestCards.virtualIDCard())
            for fault in [PseudoTerminalIDCardReader.Fault.truncated, .corruptChecksum] {
                device.inject(fault)
                let error = await #expect(throws: KioskError.self) { try await reader.read() }
                #expect(error?.code == .cardUnreadable, "\(fault): \(String(describing: error))")
                #expect(try await reader.read().name == "陈德明", "after \(fault)")
            }
        }
    }

    @Test("a reader that does not answer fails the read with card.not_responding by the command timeout; the line is reopened at the next poll")
    func silentReader() async throws {
        try await Self.withSerialReader(commandTimeout: .milliseconds(400)) { reader, device, clock in
            device.place(try TestCards.virtualIDCard())
            device.inject(.silent)
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardNotResponding)
            #expect(reader.status().state == .noDevice)
            try await Self.poll(clock)
            #expect(reader.status().state == .online, "\(reader.status().detail)")
            #expect(try await reader.read().name == "陈德明")
        }
    }

    @Test("an answer that comes after the kiosk gave up is never taken for a later command's")
    func lateAnswer() async throws {
        try await Self.withSerialReader(commandTimeout: .milliseconds(300)) { reader, device, clock in
            device.place(try TestCards.virtualIDCard())
            device.inject(.late(.milliseconds(700)))
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardNotResponding)
            try await Self.poll(clock)
            #expect(try await reader.read().name == "陈德明")
        }
    }

    @Test("unplugged: the slot reports no device and the card removed; the watchers see the reader go")
    func unplugged() async throws {
        // Through a link that goes with the device, as udev's does: the pty's own number is freed on
        // unplugging, and a test running beside this one may get it at once.
        let devices = try TemporaryDirectory(prefix: "dev")
        defer { devices.remove() }
        let link = devices.file("kioskd-idcard")
        try await Self.withSerialReader(link: link) { reader, device, clock in
            device.place(try TestCards.virtualIDCard())
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .inserted(.idCard))
            let watch = reader.watch()
            #expect(try await Self.nextWatchEvent(watch)?.kind == .readerAdded)
            #expect(try await Self.nextWatchEvent(watch)?.kind == .cardInserted)
            device.unplug()
            try FileManager.default.removeItem(atPath: link)
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .removed(.idCard))
            #expect(try await Self.nextWatchEvent(watch)?.kind == .readerRemoved)
            let status = reader.status()
            #expect(status.state == .noDevice && status.requiredAction == .maintenance, "\(status)")
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardReaderMissing, "\(String(describing: error))")
            #expect(error?.message.contains(link) == true, "\(String(describing: error))")
        }
    }

    @Test("a device that is not a serial line, a missing one and one held by another process are named as such")
    func openErrors() async throws {
        let clock = TestClock()
        func reader(_ path: String) -> GA467Reader {
            GA467Reader(port: SerialGA467Port(path: path, clock: ContinuousClock()), settings: .init(commandTimeout: .milliseconds(300)), clock: clock, today: { CardStack.today },
                              logger: Logger(label: "serial-test"))
        }
        let missing = await #expect(throws: KioskError.self) { try await reader("/dev/ttyKIOSKD-none").read() }
        #expect(missing?.code == .cardReaderMissing && missing?.message.contains("no serial device at /dev/ttyKIOSKD-none") == true)
        let notATTY = await #expect(throws: KioskError.self) { try await reader("/dev/null").read() }
        #expect(notATTY?.message.contains("/dev/null is not a serial device") == true, "\(String(describing: notATTY))")
        try await Self.withSerialReader { first, device, _ in
            device.place(try TestCards.virtualIDCard())
            _ = try await first.read()
            let held = await #expect(throws: KioskError.self) { try await reader(device.devicePath).read() }
            #expect(held?.message.contains("in use by another process") == true, "\(String(describing: held))")
        }
    }

    @Test("kiosk-sim idcard-serial serves a card file on the device it prints, lifts and lays cards as told on its input, stops on SIGTERM, and refuses an SSC file")
    func kioskSimCommand() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        // Its standard input is a FIFO the test holds open (read-write, so that neither side's open blocks).
        let fifo = work.file("commands")
        try #require(mkfifo(fifo, 0o600) == 0)
        let commands = open(fifo, O_RDWR)
        defer { close(commands) }
        let say = { (line: String) in _ = Array((line + "\n").utf8).withUnsafeBytes { write(commands, $0.baseAddress, $0.count) } }
        let sim = try ChildProcess("/bin/sh", ["-c", "exec '\(RepositoryPaths.binary("kiosk-sim"))' idcard-serial '\(RepositoryPaths.devicesDatabase)/cards/idcard.toml' < '\(fifo)'"],
                                   workDirectory: work)
        defer { sim.stop() }
        try await waitUntil("kiosk-sim prints the device") { sim.standardOutput.hasPrefix("serial:/dev/") || !sim.isRunning }
        let path = String(sim.standardOutput.prefix { $0 != "\n" }.dropFirst("serial:".count))
        let reader = GA467Reader(port: SerialGA467Port(path: path, clock: ContinuousClock()), settings: .init(), clock: TestClock(), today: { CardStack.today }, logger: Logger(label: "serial-test"))
        #expect(try await reader.read().kind == .idCard, "kiosk-sim: \(sim.standardOutput) \(sim.standardError)")

        say("lift")
        try await waitUntil("kiosk-sim lifts the card", timeout: Self.patience) { sim.standardOutput.contains("the card is off the reader") }
        let lifted = await #expect(throws: KioskError.self) { try await reader.read() }
        #expect(lifted?.code == .cardRemoved, "\(String(describing: lifted))")
        say("lay \(work.path)/none.toml")
        say("turn")
        try await waitUntil("kiosk-sim refuses both lines", timeout: Self.patience) { sim.standardError.contains("\"turn\": not lift, lay or lay FILE") }
        #expect(sim.standardError.contains("none.toml"), "\(sim.standardError)")
        say("lay")
        try await waitUntil("kiosk-sim lays the card again", timeout: Self.patience) { sim.standardOutput.contains("the card is on the reader") }
        #expect(try await reader.read().kind == .idCard)
        sim.signal(SIGTERM)
        #expect(await sim.waitForExit(timeout: .seconds(10)) == 0)

        let ssc = try await ChildProcess.run(RepositoryPaths.binary("kiosk-sim"), ["idcard-serial", RepositoryPaths.devicesDatabase + "/cards/ssc-gen2.toml"], workDirectory: work)
        #expect(ssc.status == 65 && ssc.error.contains("is a social security card"), "\(ssc)")
    }
}
