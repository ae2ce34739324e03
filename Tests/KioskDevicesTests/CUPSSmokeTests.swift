import CCUPS
import Foundation
import Glibc
import KioskCore
@testable import KioskDevices
import KioskTesting
import Testing

@Suite("libcups against a closed port")
struct CUPSSmokeTests {
    @Test("httpConnect2 to a closed port fails with service-unavailable")
    func connectRefused() throws {
        let closed = try ClosedPort()
        let port = Int32(closed.port)
        let http = httpConnect2("127.0.0.1", port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 2000, nil)
        #expect(http == nil)
        // libcups reports a refused connection as 0x0502, server-error-service-unavailable.
        #expect(cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
        closed.release()
    }

    @Test("the printer probe reports an unreachable IPP printer as offline, needing maintenance")
    func printerProbeOffline() throws {
        let closed = try ClosedPort()
        let port = Int32(closed.port)
        let status = PrinterStatusProbe().status(selector: .ipp(uri: "ipp://127.0.0.1:\(port)/ipp/print"))
        #expect(status.state == .offline)
        #expect(status.requiredAction == .maintenance)
        #expect(status.detail.contains("cannot connect to 127.0.0.1:\(port)"))
        closed.release()
    }

    @Test("printer-state-reasons lose their severity suffixes")
    func reasonSuffixes() {
        #expect(IPPConnection.strippingSeverity("media-empty-error") == "media-empty")
        #expect(IPPConnection.strippingSeverity("media-needed-report") == "media-needed")
        #expect(IPPConnection.strippingSeverity("media-low-warning") == "media-low")
        #expect(IPPConnection.strippingSeverity("none") == "none")
    }
}
