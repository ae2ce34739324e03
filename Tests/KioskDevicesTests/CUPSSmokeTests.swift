import CCUPS
import Foundation
import Glibc
import KioskCore
@testable import KioskDevices
import KioskTesting
import Testing

@Suite("libcups against a closed port")
struct CUPSSmokeTests {
    /// A loopback port nothing listens on: bound, then closed again.
    static func closedPort() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard ok else { throw TestFixtureError("cannot pick a free port: errno \(errno)") }
        return Int32(UInt16(bigEndian: address.sin_port))
    }

    @Test("httpConnect2 to a closed port fails with service-unavailable")
    func connectRefused() throws {
        let port = try Self.closedPort()
        let http = httpConnect2("127.0.0.1", port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 2000, nil)
        #expect(http == nil)
        // libcups reports a refused connection as 0x0502, server-error-service-unavailable.
        #expect(cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
    }

    @Test("the printer probe reports an unreachable IPP printer as offline, needing maintenance")
    func printerProbeOffline() throws {
        let port = try Self.closedPort()
        let status = PrinterStatusProbe().status(selector: .ipp(uri: "ipp://127.0.0.1:\(port)/ipp/print"))
        #expect(status.state == .offline)
        #expect(status.requiredAction == .maintenance)
        #expect(status.detail.contains("cannot connect to 127.0.0.1:\(port)"))
    }

    @Test("printer-state-reasons lose their severity suffixes")
    func reasonSuffixes() {
        #expect(IPPConnection.strippingSeverity("media-empty-error") == "media-empty")
        #expect(IPPConnection.strippingSeverity("media-needed-report") == "media-needed")
        #expect(IPPConnection.strippingSeverity("media-low-warning") == "media-low")
        #expect(IPPConnection.strippingSeverity("none") == "none")
    }
}
