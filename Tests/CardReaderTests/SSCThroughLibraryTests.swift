import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import ServiceLifecycle
import Testing

/// The SSC slot read through the standard (部标) reader library's C ABI: `SSCLibraryReader` dlopens
/// a libSSCardDriver built by the test run (Tests/tools/sscard-driver-double.c), which reads the
/// virtual card through the real pcscd and vpcd. Polling runs on a `TestClock`.
@Suite("social security cards read through the standard reader library (C ABI) on pcscd + vpcd", .serialized)
struct SSCThroughLibraryTests {
    static let pollInterval: Duration = .seconds(1)

    /// A PCSCCardReader for the stack (and for comparison), the library's double on the SSC reader, and its reader.
    static func withLibrary(
        callTimeout: Duration = .seconds(5), readerInfo: LibraryDouble.ReaderInfo = .declared, libraryVersion: String? = nil,
        controls: [String: String] = [:],
        _ body: @escaping @Sendable (PCSCCardReader, SSCLibraryReader, LibraryDouble, TestClock) async throws -> Void
    ) async throws {
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName, readerInfo: readerInfo)
        if let libraryVersion { try double.installAsVersionedFile(libraryVersion) }
        for (name, contents) in controls { try double.control(name, contents) }
        defer { double.release(); double.directory.remove() }
        try await CardStack.withReader { pcsc in
            let clock = TestClock()
            let reader = SSCLibraryReader(libraryPath: double.libraryPath, settings: .init(callTimeout: callTimeout, pollInterval: pollInterval),
                                          clock: clock, today: { CardStack.today }, logger: Logger(label: "ssc-library-test"))
            try await whileRunning(reader, logger: Logger(label: "ssc-library-test")) {
                // A call the test left hanging returns before the reader stops.
                defer { double.release() }
                try await clock.waitForSleepers(timeout: IDCardOverSerialTests.patience)
                try await body(pcsc, reader, double, clock)
            }
        }
    }

    static func poll(_ clock: TestClock) async throws {
        clock.advance(by: pollInterval)
        try await clock.waitForSleepers(timeout: IDCardOverSerialTests.patience)
    }

    static func nextEvent(_ reader: SSCLibraryReader) async throws -> CardEvent? {
        try await within(IDCardOverSerialTests.patience, "a card event") { await reader.events.first { _ in true } }
    }

    @Test("cards of each generation read as the same CardHolder as over PC/SC (gender, nation, birth date through iReadCard); the slot names the PSAM's terminal",
          arguments: [1, 2, 3])
    func readsLikePCSC(generation: Int) async throws {
        try await Self.withLibrary { pcsc, reader, _, clock in
            let card = try await CardStack.insert(TestCards.ssc(generation: generation), into: PCSCStack.sscReader.port, reader: pcsc)
            defer { card.remove() }
            let expected = try await pcsc.read(.socialSecurityCard)
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .inserted(.socialSecurityCard))
            let holder = try await reader.read()
            #expect(holder == expected, "library: \(holder.name) \(String(describing: holder.gender)) \(String(describing: holder.nation)); PC/SC: \(expected.name)")
            #expect(holder.gender != nil && holder.birthDate != nil && holder.specVersion == "\(generation).00")
            let status = reader.status()
            #expect(status.state == .online && status.detail.contains("PSAM terminal 410100813475"), "\(status.detail)")
        }
    }

    @Test("the slot names the library's versioned file, the reader's serial number and the PSAM's terminal from iGetReaderInfo before any card; without that call, the terminal from the first read; answered the other way round, the read puts them right",
          arguments: [LibraryDouble.ReaderInfo.declared, .absent, .psamFirst])
    func readerInfo(_ variant: LibraryDouble.ReaderInfo) async throws {
        try await Self.withLibrary(readerInfo: variant, libraryVersion: "2.1.0") { pcsc, reader, double, _ in
            let before = reader.status()
            #expect(before.state == .online, "\(before.detail)")
            #expect(before.detail.hasPrefix("部标 SSC library \(double.libraryPath) (libSSCardDriver.so.2.1.0) (iReadCardBas and iReadCard"), "\(before.detail)")
            switch variant {
            case .declared:
                #expect(before.detail.hasSuffix("(iReadCardBas and iReadCard, iGetReaderInfo), reader SSCDOUBLE0001, PSAM terminal 410100813475"), "\(before.detail)")
            case .absent:
                #expect(before.detail.hasSuffix("(iReadCardBas and iReadCard), PSAM terminal not read yet"), "\(before.detail)")
            case .psamFirst:
                // Nothing tells the two apart before a card has given the PSAM's number.
                #expect(before.detail.hasSuffix("reader 410100813475, PSAM terminal SSCDOUBLE0001"), "\(before.detail)")
            }
            let card = try await CardStack.insert(TestCards.ssc(generation: 3), into: PCSCStack.sscReader.port, reader: pcsc)
            defer { card.remove() }
            _ = try await reader.read()
            let after = reader.status().detail
            let expected = variant == .absent ? "(iReadCardBas and iReadCard), PSAM terminal 410100813475" : "reader SSCDOUBLE0001, PSAM terminal 410100813475"
            #expect(after.hasSuffix(expected), "\(after)")
        }
    }

    @Test("iGetReaderInfo failing when the library loads is shown with both its answers, does not fault the slot, and is called again after the next card read")
    func readerInfoFailure() async throws {
        try await Self.withLibrary(controls: ["readerinfo": "-11"]) { pcsc, reader, double, _ in
            let before = reader.status()
            #expect(before.state == .online, "\(before.detail)")
            #expect(before.detail.hasSuffix("iGetReaderInfo failed: the SSC library cannot reach the reader (读卡器连接错; iGetReaderInfo returned -11 “SSCDOUBLE0001 / 读卡器连接错”): check its cable and the library's own configuration, PSAM terminal not read yet"),
                    "\(before.detail)")
            try double.control("readerinfo", nil)
            let card = try await CardStack.insert(TestCards.ssc(generation: 3), into: PCSCStack.sscReader.port, reader: pcsc)
            defer { card.remove() }
            _ = try await reader.read()
            let after = reader.status()
            #expect(after.state == .online && after.detail.hasSuffix("iGetReaderInfo), reader SSCDOUBLE0001, PSAM terminal 410100813475"), "\(after.detail)")
        }
    }

    @Test("a card lifted out is seen at the next poll")
    func removal() async throws {
        try await Self.withLibrary { pcsc, reader, _, clock in
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: pcsc)
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .inserted(.socialSecurityCard))
            card.remove()
            try await waitUntil("pcscd sees the card gone", timeout: CardStack.pcscdPatience) {
                await !pcsc.readers().contains { $0.name == PCSCStack.sscReader.pcscName && $0.cardPresent }
            }
            try await Self.poll(clock)
            #expect(try await Self.nextEvent(reader) == .removed(.socialSecurityCard))
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardRemoved && error?.message.contains("iReadCardBas returned -2") == true, "\(String(describing: error))")
        }
    }

    @Test("no PSAM, and a PSAM without the keys a 3.0 card needs: card.sam_failed naming the code; a 2.0 card still reads")
    func psam() async throws {
        try await Self.withLibrary { pcsc, reader, double, _ in
            try double.control("psam", "none")
            let card = try await CardStack.insert(TestCards.ssc(generation: 3), into: PCSCStack.sscReader.port, reader: pcsc)
            let none = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(none?.code == .cardReaderSAMFailed && none?.message.contains("无PSAM卡") == true && none?.message.contains("-2201") == true,
                    "\(String(describing: none))")
            #expect(reader.status().state == .hardwareError)
            try double.control("psam", "nokey")
            let noKey = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(noKey?.code == .cardReaderSAMFailed && noKey?.message.contains("-2203") == true, "\(String(describing: noKey))")
            card.remove()
            let second = try await CardStack.insert(TestCards.ssc(generation: 2), into: PCSCStack.sscReader.port, reader: pcsc)
            defer { second.remove() }
            #expect(try await reader.read().specVersion == "2.00")
            #expect(reader.status().state == .online)
        }
    }

    @Test("the card pulled out mid-read fails the read with card.removed; a status word fails it with its meaning")
    func cardFaults() async throws {
        try await Self.withLibrary { pcsc, reader, _, _ in
            let pulled = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: pcsc, fault: .pullAfter(commands: 5))
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardRemoved, "\(String(describing: error))")
            pulled.remove()
            let locked = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: pcsc, fault: .statusWord(0x9303, afterCommands: 4))
            defer { locked.remove() }
            let lockedError = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(lockedError?.code == .cardLocked && lockedError?.message.contains("SW 9303") == true, "\(String(describing: lockedError))")
        }
    }

    @Test("a library call that never returns fails the read by the watchdog; nothing more is called until it returns, then the card reads")
    func callThatNeverReturns() async throws {
        try await Self.withLibrary(callTimeout: .milliseconds(500)) { pcsc, reader, double, _ in
            let card = try await CardStack.insert(TestCards.ssc(), into: PCSCStack.sscReader.port, reader: pcsc)
            defer { card.remove() }
            try double.hang("iReadCardBas")
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardNotResponding && error?.message.contains("did not return from iReadCardBas") == true, "\(String(describing: error))")
            #expect(reader.status().state == .hardwareError && reader.status().detail.contains("has not returned from iReadCardBas"))
            let refused = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(refused?.message.contains("nothing more is sent to it until it does") == true, "\(String(describing: refused))")
            double.release()
            try await waitUntil("the stuck call returns", timeout: IDCardOverSerialTests.patience) { reader.status().state != .hardwareError }
            #expect(try await reader.read().name == "王秀英")
        }
    }

    @Test("a missing library and one without iReadCardBas are named as such")
    func libraryErrors() async throws {
        func read(_ path: String) async -> KioskError? {
            let reader = SSCLibraryReader(libraryPath: path, clock: TestClock(), today: { CardStack.today }, logger: Logger(label: "ssc-library-test"))
            return await #expect(throws: KioskError.self) { try await reader.read() }
        }
        let missing = await read("/opt/kioskd-none/libSSCardDriver.so")
        #expect(missing?.code == .cardReaderMissing && missing?.message.contains("cannot load the SSC reader's library: /opt/kioskd-none/libSSCardDriver.so") == true,
                "\(String(describing: missing))")
        let incomplete = try await LibraryDouble.sscDriver(reader: "none", complete: false)
        defer { incomplete.directory.remove() }
        let noSymbol = await read(incomplete.libraryPath)
        #expect(noSymbol?.message == "\(incomplete.libraryPath) does not export iReadCardBas: is it the reader's standard (部标) SSCardDriver library?",
                "\(String(describing: noSymbol))")
    }
}
