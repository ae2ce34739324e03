import Crypto
import Foundation
import KioskBackendAPI
import KioskCore
import KioskTesting
import Testing

@Suite("sandbox backend: signed desired configuration and state reports")
struct FleetTests {
    @Test("a published kiosk.conf comes back signed, with an ETag that makes the next poll a 304")
    func signedConfiguration() async throws {
        try await withSandbox { sandbox in
            let document = try String(contentsOfFile: RepositoryPaths.root + "/kiosk.conf", encoding: .utf8)
            try sandbox.backend.publishConfiguration(kioskID: "NT-CHONGCHUAN-0001", document: document)
            guard case .changed(let signed, let etag) = try await sandbox.client.desiredConfiguration(kioskID: "NT-CHONGCHUAN-0001", ifNoneMatch: nil) else {
                Issue.record("expected a configuration")
                return
            }
            #expect(signed.document == document)
            #expect(signed.configVersion == 1)
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: try #require(Data(base64Encoded: signed.keyId)))
            #expect(key.isValidSignature(try #require(Data(base64Encoded: signed.signature)), for: Data(document.utf8)))
            #expect(try await sandbox.client.desiredConfiguration(kioskID: "NT-CHONGCHUAN-0001", ifNoneMatch: etag) == .unchanged)
            await expectKioskError(.backendRejected, problem: "configuration.not_published") {
                try await sandbox.client.desiredConfiguration(kioskID: "NT-OTHER", ifNoneMatch: nil)
            }
        }
    }

    @Test("a configuration naming another kiosk, or going back in version, is not published")
    func refusedPublications() async throws {
        try await withSandbox { sandbox in
            let document = try String(contentsOfFile: RepositoryPaths.root + "/kiosk.conf", encoding: .utf8)
            #expect(throws: KioskError.self) { try sandbox.backend.publishConfiguration(kioskID: "NT-OTHER", document: document) }
            try sandbox.backend.publishConfiguration(kioskID: "NT-CHONGCHUAN-0001", document: document.replacingOccurrences(of: "config_version = 1", with: "config_version = 5"))
            #expect(throws: KioskError.self) { try sandbox.backend.publishConfiguration(kioskID: "NT-CHONGCHUAN-0001", document: document) }
        }
    }

    @Test("a state report is stored per kiosk, the latest replacing the one before")
    func stateReport() async throws {
        try await withSandbox { sandbox in
            #expect(try await sandbox.backend.latestState(kioskID: "NT-CHONGCHUAN-0001") == nil)
            for paper in [Components.Schemas.DeviceReport.PaperPayload.full, .low] {
                try await sandbox.client.reportState(kioskID: "NT-CHONGCHUAN-0001", .init(
                    reportedAt: Date(), version: KioskVersion.current, configVersion: 1, sessionState: "idle",
                    devices: [.init(role: "printer", state: .online, paper: paper)]))
            }
            let stored = try #require(try await sandbox.backend.latestState(kioskID: "NT-CHONGCHUAN-0001"))
            #expect(stored.devices.map(\.paper) == [.low])
            #expect(stored.version == KioskVersion.current)
        }
    }
}
