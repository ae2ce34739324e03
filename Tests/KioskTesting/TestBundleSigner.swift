import Crypto
import Foundation
import KioskConfig
import KioskCore

/// An operator's key in a test: signs bundles as `kioskctl config sign` does, and makes the broken
/// ones a kiosk must refuse (tampered, expired, for someone else).
public struct TestBundleSigner: Sendable {
    private let raw: Data

    public init() {
        raw = Curve25519.Signing.PrivateKey().rawRepresentation
    }

    var key: Curve25519.Signing.PrivateKey {
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)) ?? Curve25519.Signing.PrivateKey()
    }

    /// What `[updates] trusted_keys` lists.
    public var publicKey: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// The key file `kioskctl config sign --key` reads.
    public var keyFileText: String { raw.base64EncodedString() + "\n" }

    public func bundle(_ configuration: String, version: Int, kiosks: [String] = [], regions: [String] = [],
                       expiresIn: TimeInterval = 3600, signedAt: Date = Date()) throws -> ConfigBundle {
        let manifest = BundleManifest(version: version, target: BundleTarget(kiosks: kiosks, regions: regions),
                                      expiresAt: Date().addingTimeInterval(expiresIn), signedAt: signedAt, configuration: configuration)
        return try ConfigBundle.sign(manifest, with: key)
    }

    /// The same bundle with its configuration edited after signing (the signature kept).
    public static func tampered(_ bundle: ConfigBundle, replacing old: String, with new: String) throws -> ConfigBundle {
        var manifest = try bundle.unverifiedManifest()
        guard manifest.configuration.contains(old) else { throw TestFixtureError("the bundle's configuration has no \(old)") }
        manifest.configuration = manifest.configuration.replacingOccurrences(of: old, with: new)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var changed = bundle
        changed.payload = try encoder.encode(manifest).base64EncodedString()
        return changed
    }

    /// The same bundle claiming another key (e.g. one the kiosk trusts) for the same signature.
    public static func claiming(_ bundle: ConfigBundle, key publicKey: String) -> ConfigBundle {
        var changed = bundle
        changed.keyID = publicKey
        return changed
    }
}
