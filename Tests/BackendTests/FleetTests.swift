import Foundation
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("sandbox backend: signed desired configuration and state reports")
struct FleetTests {
    static let kiosk = "NT-CHONGCHUAN-0001"

    static func document(version: Int) throws -> String {
        try String(contentsOfFile: RepositoryPaths.shippedConfiguration, encoding: .utf8)
            .replacingOccurrences(of: "config_version = 1", with: "config_version = \(version)")
    }

    @Test("a published bundle is served unchanged to its kiosk (by id or region) with an ETag that makes the next poll a 304")
    func servedBundle() async throws {
        try await withSandbox { sandbox in
            let signer = TestBundleSigner()
            let bundle = try signer.bundle(try Self.document(version: 2), version: 2, kiosks: [Self.kiosk])
            let published = try sandbox.backend.publish(bundle)
            #expect(published.version == 2 && published.etag.hasPrefix("\""))
            guard case .changed(let signed, let etag) = try await sandbox.client.desiredConfiguration(kioskID: Self.kiosk, region: nil, ifNoneMatch: nil) else {
                Issue.record("expected a configuration")
                return
            }
            #expect(etag == published.etag)
            let served = ConfigBundle(format: signed.format, payload: signed.payload, signature: signed.signature, keyID: signed.keyId)
            #expect(served == bundle, "the backend passes the operator's bytes through untouched")
            let verifier = BundleVerifier(trustedKeys: [signer.publicKey], kioskID: Self.kiosk, region: "320600", highestVersion: 1, now: Date())
            #expect(try verifier.verify(served).version == 2)
            #expect(try await sandbox.client.desiredConfiguration(kioskID: Self.kiosk, region: nil, ifNoneMatch: etag) == .unchanged)
            await expectKioskError(.backendRejected, problem: "configuration.not_published") {
                try await sandbox.client.desiredConfiguration(kioskID: "NT-OTHER", region: "320684", ifNoneMatch: nil)
            }
            // A newer bundle for the whole region reaches every kiosk there, this one included.
            _ = try sandbox.backend.publish(try signer.bundle(try Self.document(version: 3), version: 3, regions: ["320600"]))
            guard case .changed(let regional, _) = try await sandbox.client.desiredConfiguration(kioskID: "NT-OTHER", region: "320600", ifNoneMatch: nil) else {
                Issue.record("expected the region's configuration")
                return
            }
            #expect(try ConfigBundle(format: regional.format, payload: regional.payload, signature: regional.signature, keyID: regional.keyId)
                .unverifiedManifest().version == 3)
        }
    }

    @Test("a tampered, expired, untargeted or not newer bundle is not published, each saying why")
    func refusedPublications() async throws {
        try await withSandbox { sandbox in
            let signer = TestBundleSigner()
            let good = try signer.bundle(try Self.document(version: 5), version: 5, kiosks: [Self.kiosk])
            let tampered = try TestBundleSigner.tampered(good, replacing: "idle_timeout_s = 60", with: "idle_timeout_s = 61")
            for (bundle, words) in [
                (tampered, "signature"),
                (try signer.bundle(try Self.document(version: 5), version: 5, kiosks: [Self.kiosk], expiresIn: -1), "expired"),
                (try signer.bundle(try Self.document(version: 5), version: 5), "targets no kiosk"),
            ] {
                do throws(KioskError) {
                    _ = try sandbox.backend.publish(bundle)
                    Issue.record("published although \(words)")
                } catch {
                    #expect(error.code == .fleetInvalid && error.message.contains(words), "\(error)")
                }
            }
            _ = try sandbox.backend.publish(good)
            let older = try signer.bundle(try Self.document(version: 4), version: 4, kiosks: ["NT-OTHER", Self.kiosk])
            do throws(KioskError) {
                _ = try sandbox.backend.publish(older)
                Issue.record("an older version was published")
            } catch {
                #expect(error.message.contains("not above version 5"), "\(error)")
            }
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
