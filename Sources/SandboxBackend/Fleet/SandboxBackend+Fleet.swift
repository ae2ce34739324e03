import Crypto
import Foundation
import GRDB
import KioskConfig
import KioskCore

/// What the sandbox says about a published bundle.
public struct PublishedBundle: Sendable, Codable, Equatable {
    public var version: Int
    public var target: BundleTarget
    public var expiresAt: Date
    public var etag: String

    enum CodingKeys: String, CodingKey {
        case version, target, etag
        case expiresAt = "expires_at"
    }
}

extension SandboxBackend {
    /// Stores an operator's signed bundle for the kiosks it targets. The backend does not decide
    /// trust (each kiosk checks the key against its own list) but refuses what no kiosk could take:
    /// a broken signature, an expired bundle, no target, or a version not above one already
    /// published for any of the same kiosks or regions.
    public func publish(_ bundle: ConfigBundle) throws(KioskError) -> PublishedBundle {
        let now = settings.wallClock.now()
        let manifest = try Self.selfConsistentManifest(bundle)
        guard manifest.expiresAt > now else { throw KioskError(.fleetInvalid, "bundle version \(manifest.version) has already expired") }
        let target = manifest.target
        guard !target.kiosks.isEmpty || !target.regions.isEmpty else { throw KioskError(.fleetInvalid, "bundle version \(manifest.version) targets no kiosk and no region") }
        let encoded = bundle.encoded()
        let etag = "\"" + SHA256.hash(data: encoded).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        do {
            try store.queue.write { db in
                let overlapping = try FleetBundleRecord.fetchAll(db).filter { record in
                    let published = record.target
                    return !Set(published.kiosks).isDisjoint(with: target.kiosks) || !Set(published.regions).isDisjoint(with: target.regions)
                }
                if let newest = overlapping.max(by: { $0.version < $1.version }), newest.version >= manifest.version {
                    throw KioskError(.fleetInvalid, "bundle version \(manifest.version) is not above version \(newest.version), already published for \(newest.target)")
                }
                var record = FleetBundleRecord(
                    id: nil, version: manifest.version, kiosks: FleetBundleRecord.json(target.kiosks), regions: FleetBundleRecord.json(target.regions),
                    expiresAt: manifest.expiresAt, bundle: encoded, etag: etag, publishedAt: now)
                try record.insert(db)
            }
        } catch let error as KioskError {
            throw error
        } catch {
            throw KioskError(.sandboxStoreFailed, "cannot store bundle version \(manifest.version)", cause: error)
        }
        return PublishedBundle(version: manifest.version, target: target, expiresAt: manifest.expiresAt, etag: etag)
    }

    /// The newest unexpired bundle for a kiosk, by its id or its region.
    public func desiredBundle(kioskID: String, region: String?) async throws -> (bundle: ConfigBundle, published: PublishedBundle)? {
        let now = settings.wallClock.now()
        let records = try await store.queue.read { db in try FleetBundleRecord.fetchAll(db) }
        let matching = records.filter { $0.expiresAt > now && $0.target.includes(kioskID: kioskID, region: region ?? "") }
        guard let newest = matching.max(by: { $0.version < $1.version }) else { return nil }
        let bundle = try ConfigBundle.decode(newest.bundle)
        return (bundle, PublishedBundle(version: newest.version, target: newest.target, expiresAt: newest.expiresAt, etag: newest.etag))
    }

    /// Publishes every `*.bundle.json` of a folder, in name order.
    public func publishBundles(directory: String) throws(KioskError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".bundle.json") }.sorted()
        } catch {
            throw KioskError(.fleetInvalid, "\(directory): cannot list the fleet folder", cause: error)
        }
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw KioskError(.fleetInvalid, "\(path): cannot read") }
            do {
                _ = try publish(try ConfigBundle.decode(data))
            } catch {
                throw KioskError(.fleetInvalid, "\(path): \(error.message)")
            }
        }
    }

    /// The manifest of a bundle whose signature matches its own key: tampering is caught here, trust is the kiosk's call.
    static func selfConsistentManifest(_ bundle: ConfigBundle) throws(KioskError) -> BundleManifest {
        do {
            return try BundleManifest.decode(try bundle.signedPayload())
        } catch {
            throw KioskError(.fleetInvalid, error.message)
        }
    }
}
