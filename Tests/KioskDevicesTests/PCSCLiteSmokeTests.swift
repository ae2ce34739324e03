import CPCSCLite
import KioskConfig
import KioskCore
@testable import KioskDevices
import KioskTesting
import Testing

@Suite("libpcsclite through a real pcscd with vpcd readers", .serialized)
struct PCSCLiteSmokeTests {
    @Test("SCardEstablishContext and SCardListReaders see both virtual readers")
    func listsVirtualReaders() async throws {
        try await PCSCStack.exclusively {
            var context: SCARDCONTEXT = 0
            let status = SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context)
            #expect(PCSCStatusCode(rawValue: Int(status)) == .success)
            defer { SCardReleaseContext(context) }
            let names = try PCSCContext().readerNames()
            #expect(names.contains(PCSCStack.sscReader.pcscName))
            #expect(names.contains(PCSCStack.idcardReader.pcscName))
        }
    }

    @Test("the reader probe reports online, noDevice and offline from what pcscd says")
    func readerProbeStates() async throws {
        try await PCSCStack.exclusively {
            let probe = ReaderStatusProbe(database: try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase))

            let byPattern = probe.status(role: .sscReader, selector: .namePattern("Virtual PCD SSC*"))
            #expect(byPattern.state == .online)
            #expect(byPattern.detail == PCSCStack.sscReader.pcscName)

            // vpcd's readers are virtual: `auto` never takes them, so no known model is found.
            let automatic = probe.status(role: .idcardReader, selector: .auto)
            #expect(automatic.state == .noDevice && automatic.detail.contains("no known"), "\(automatic)")

            let absent = probe.status(role: .sscReader, selector: .namePattern("ACS ACR39U*"))
            #expect(absent.state == .noDevice)
            #expect(absent.requiredAction == .maintenance)
            #expect(absent.detail.contains("no reader matches \"ACS ACR39U*\""))

            await PCSCStack.shared.stop()
            let stopped = probe.status(role: .sscReader, selector: .auto)
            #expect(stopped.state == .offline)
            #expect(stopped.detail.contains("is pcscd running?"))
            try await PCSCStack.shared.start()
            #expect(probe.status(role: .sscReader, selector: .namePattern("Virtual PCD SSC*")).state == .online)
        }
    }

    @Test("PC/SC multi-strings split into reader names")
    func multiStringSplitting() {
        let buffer: [CChar] = Array("A 00 00\0B 01 00\0\0".utf8CString.map { $0 })
        #expect(PCSCContext.splitMultiString(buffer) == ["A 00 00", "B 01 00"])
    }
}
