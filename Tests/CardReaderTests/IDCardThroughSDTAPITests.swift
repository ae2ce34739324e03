import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import ServiceLifecycle
import Testing

/// The ID-card slot driven through the vendor SDK's C ABI: `SDTAPIPort` dlopens a libsdtapi built by
/// the test run (Tests/tools/sdtapi-double.c), which speaks GA 467 frames on a real serial line (a
/// pty) to the virtual SAM. Polling runs on a `TestClock`.
@Suite("resident ID cards read through a libsdtapi (C ABI) over a serial line", .serialized)
struct IDCardThroughSDTAPITests {
    static let port = 1001

    static func withReader(
        commandTimeout: Duration = .seconds(2), libraryVersion: String? = nil, link: String? = nil,
        _ body: (GA467Reader, PseudoTerminalIDCardReader, LibraryDouble, TestClock) async throws -> Void
    ) async throws {
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        if let link { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: device.devicePath) }
        let double = try await LibraryDouble.sdtapi(ports: [port: link ?? device.devicePath])
        if let libraryVersion { try double.installAsVersionedFile(libraryVersion) }
        defer { double.release(); double.directory.remove() }
        let clock = TestClock()
        let reader = GA467Reader(port: SDTAPIPort(libraryPath: double.libraryPath, portNumber: port),
                                 settings: .init(commandTimeout: commandTimeout, pollInterval: IDCardOverSerialTests.pollInterval),
                                 clock: clock, today: { CardStack.today }, logger: Logger(label: "sdtapi-test"))
        try await whileRunning(reader, logger: Logger(label: "sdtapi-test")) {
            // A call the test left hanging returns before the reader stops.
            defer { double.release() }
            try await clock.waitForSleepers(timeout: IDCardOverSerialTests.patience)
            try await body(reader, device, double, clock)
        }
    }

    @Test("the card reads as the same CardHolder as through the PC/SC tunnel; the slot names the library and its versioned file, port and SAM")
    func readsLikeTheTunnel() async throws {
        let tunnel = SimulatedCardReader(today: { CardStack.today })
        tunnel.insert(try VirtualCardFile(toml: TestCards.idCard(), source: "test"))
        let expected = try await tunnel.read(.idCard)
        try await Self.withReader(libraryVersion: "3.4.1") { reader, device, double, clock in
            device.place(try TestCards.virtualIDCard())
            try await IDCardOverSerialTests.poll(clock)
            #expect(try await IDCardOverSerialTests.nextEvent(reader) == .inserted(.idCard))
            #expect(try await reader.read() == expected)
            let status = reader.status()
            #expect(status.state == .online)
            #expect(status.detail == "sdtapi \(double.libraryPath) (libsdtapi.so.3.4.1), port 1001 (USB reader 1), SAM 05.01-20250314-0000000001-1234567890", "\(status.detail)")
            #expect(reader.name == "sdtapi:\(double.libraryPath)?port=1001")
            device.place(nil)
            try await IDCardOverSerialTests.poll(clock)
            #expect(try await IDCardOverSerialTests.nextEvent(reader) == .removed(.idCard))
        }
    }

    @Test("an SDK call that never returns fails the read by the watchdog; the slot stays faulty until the call returns, then reads again")
    func callThatNeverReturns() async throws {
        try await Self.withReader(commandTimeout: .milliseconds(300)) { reader, device, double, clock in
            device.place(try TestCards.virtualIDCard())
            try double.hang("SDT_ReadBaseMsg")
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardNotResponding && error?.message.contains("did not return from read text and photo (30 01)") == true, "\(String(describing: error))")
            #expect(reader.status().state == .hardwareError && reader.status().detail.contains("has not returned from read text and photo"))
            let refused = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(refused?.message.contains("nothing more is sent to it until it does") == true, "\(String(describing: refused))")
            double.release()
            try await waitUntil("the stuck call returns", timeout: IDCardOverSerialTests.patience) { !reader.status().detail.contains("has not returned") }
            try await IDCardOverSerialTests.poll(clock)
            #expect(try await reader.read().name == "陈德明")
        }
    }

    @Test("the reader unplugged: the SDK's own codes say so, and the slot reports no device")
    func unplugged() async throws {
        // Through a link that goes with the device (see IDCardOverSerialTests.unplugged).
        let devices = try TemporaryDirectory(prefix: "dev")
        defer { devices.remove() }
        let link = devices.file("kioskd-idcard")
        try await Self.withReader(commandTimeout: .milliseconds(500), link: link) { reader, device, _, clock in
            device.place(try TestCards.virtualIDCard())
            _ = try await reader.read()
            device.unplug()
            try FileManager.default.removeItem(atPath: link)
            try await IDCardOverSerialTests.poll(clock)
            let error = await #expect(throws: KioskError.self) { try await reader.read() }
            #expect(error?.code == .cardReaderMissing || error?.code == .cardNotResponding, "\(String(describing: error))")
            #expect(error?.message.contains("on port 1001 returned 0x0") == true, "\(String(describing: error))")
            #expect(reader.status().state == .noDevice, "\(reader.status())")
        }
    }

    @Test("a missing library, one without the SDK's calls and a port number with no reader are named as such")
    func libraryErrors() async throws {
        func read(_ path: String, port: Int = 1001) async -> KioskError? {
            let reader = GA467Reader(port: SDTAPIPort(libraryPath: path, portNumber: port), settings: .init(commandTimeout: .milliseconds(300)),
                                     clock: TestClock(), today: { CardStack.today }, logger: Logger(label: "sdtapi-test"))
            return await #expect(throws: KioskError.self) { try await reader.read() }
        }
        let missing = await read("/usr/lib/kioskd-none/libsdtapi.so")
        #expect(missing?.code == .cardReaderMissing && missing?.message.contains("cannot load the ID reader's sdtapi library: /usr/lib/kioskd-none/libsdtapi.so") == true,
                "\(String(describing: missing))")
        let incomplete = try await LibraryDouble.sdtapi(ports: [:], complete: false)
        defer { incomplete.directory.remove() }
        let noSymbol = await read(incomplete.libraryPath)
        #expect(noSymbol?.message == "\(incomplete.libraryPath) does not export SDT_ReadBaseMsg: is it the ID reader's sdtapi (libsdtapi.so)?", "\(String(describing: noSymbol))")
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        let double = try await LibraryDouble.sdtapi(ports: [1001: device.devicePath])
        defer { double.directory.remove() }
        let noReader = await read(double.libraryPath, port: 1002)
        #expect(noReader?.code == .cardReaderMissing && noReader?.message.contains("SDT_OpenPort on port 1002 returned 0x01: the port could not be opened") == true,
                "\(String(describing: noReader))")
    }
}
