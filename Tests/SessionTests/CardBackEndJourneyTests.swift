import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Logging
import ServiceLifecycle
import Testing

/// A resident's card, read by the kiosk's own SessionController through each back end kioskd drives
/// itself, to the enrollment the sandbox holds for them: the same session as on pcscd, only the reader differs.
@Suite("a resident's card through each reader back end, to their enrollment", .serialized)
struct CardBackEndJourneyTests {
    /// One slot reader as the session's card reader.
    struct OneSlot: CardReader {
        let reader: any SlotReader
        var events: AsyncStream<CardEvent> { reader.events }
        func read(_ kind: CardKind) async throws(KioskError) -> CardHolder {
            guard kind == reader.slot else { throw KioskError(.cardRemoved, "no \(kind.rawValue) slot here") }
            return try await reader.read()
        }
    }

    static let patience: Duration = .seconds(60)

    /// Runs `reader` and a session on it; `putCardIn` puts the card in; the session must show the holder's enrollment.
    static func journey(_ reader: any SlotReader, maskedName: String, _ putCardIn: () async throws -> Void) async throws {
        let session = try await SessionHarness(cardReader: OneSlot(reader: reader))
        do {
            try await whileRunning(reader, logger: Logger(label: "back-end-journey")) { try await showsEnrollment(session, maskedName: maskedName, putCardIn) }
        } catch {
            await session.shutdown()
            throw error
        }
        await session.shutdown()
    }

    private static func showsEnrollment(_ session: SessionHarness, maskedName: String, _ putCardIn: () async throws -> Void) async throws {
        try await putCardIn()
        let state = try await session.waitFor("the enrollment", timeout: patience) {
            [.showingEnrollment, .confirmingRegistration, .failed, .unavailable, .alreadyPaid].contains($0.kind)
        }
        // The resident's enrollment, or first the registration for it (a resident of a 低保 household).
        let shown: EnrollmentContext? = switch state {
        case .showingEnrollment(let context), .confirmingRegistration(let context): context
        default: nil
        }
        guard let context = shown else {
            let why = if case .failed(let problem) = state { ": \(problem.code.rawValue)" } else { "" }
            throw TestFixtureError("the session showed \(state.kind)\(why), not the enrollment")
        }
        #expect(context.insured.maskedName == maskedName)
    }

    @Test("an ID card on a GA 467 reader on a serial line")
    func serial() async throws {
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        let reader = GA467Reader(port: SerialGA467Port(path: device.devicePath, clock: ContinuousClock()), settings: .init(pollInterval: .milliseconds(100)),
                                 clock: ContinuousClock(), today: { CalendarDate(year: 2020, month: 11, day: 15)! }, logger: Logger(label: "serial"))
        try await Self.journey(reader, maskedName: "陈*明") { device.place(try TestCards.virtualIDCard()) }
    }

    @Test("an ID card through a libsdtapi (C ABI) on that serial line")
    func sdtapi() async throws {
        let device = try PseudoTerminalIDCardReader()
        defer { device.unplug() }
        let double = try await LibraryDouble.sdtapi(ports: [1001: device.devicePath])
        defer { double.directory.remove() }
        let reader = GA467Reader(port: SDTAPIPort(libraryPath: double.libraryPath, portNumber: 1001), settings: .init(pollInterval: .milliseconds(100)),
                                 clock: ContinuousClock(), today: { CalendarDate(year: 2020, month: 11, day: 15)! }, logger: Logger(label: "sdtapi"))
        try await Self.journey(reader, maskedName: "陈*明") { device.place(try TestCards.virtualIDCard()) }
    }

    @Test("a third-generation SSC through the standard (部标) library on pcscd + vpcd")
    func sscLibrary() async throws {
        let double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
        defer { double.directory.remove() }
        try await PCSCStack.exclusively {
            let reader = SSCLibraryReader(libraryPath: double.libraryPath, settings: .init(pollInterval: .milliseconds(200)), clock: ContinuousClock(),
                                          today: { CalendarDate(year: 2020, month: 11, day: 15)! }, logger: Logger(label: "ssc-library"))
            var card: VirtualCardSession?
            defer { card?.remove() }
            try await Self.journey(reader, maskedName: "王*英") {
                // A third-generation card held by a resident of Nantong, whose 2021 enrollment the sandbox has.
                card = try VirtualCard(VirtualCardFile(toml: TestCards.ssc(generation: 3), source: "test")).insert(port: PCSCStack.sscReader.port)
            }
        }
    }
}
