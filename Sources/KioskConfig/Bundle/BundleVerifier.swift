import Crypto
import Foundation
import KioskCore

/// Checks a bundle before anything of it is used, in this order: a key this kiosk trusts, a
/// signature that matches the bytes, not expired, meant for this kiosk, and newer than every
/// version this kiosk has taken (an old bundle replayed is refused).
public struct BundleVerifier: Sendable {
    public var trustedKeys: [String]
    public var kioskID: String
    public var region: String
    /// The highest version this kiosk has run or taken: a bundle must be above it.
    public var highestVersion: Int
    public var now: Date

    /// How long a bundle may be applied after signing: a bundle held back by whoever delivers it
    /// (the backend chooses which valid bundle a kiosk gets, and when) stops working within 30 days.
    public static let maximumLifetime: TimeInterval = 30 * 24 * 3600

    public init(trustedKeys: [String], kioskID: String, region: String, highestVersion: Int, now: Date) {
        self.trustedKeys = trustedKeys
        self.kioskID = kioskID
        self.region = region
        self.highestVersion = highestVersion
        self.now = now
    }

    public func verify(_ bundle: ConfigBundle) throws(KioskError) -> BundleManifest {
        guard !trustedKeys.isEmpty else {
            throw KioskError(.bundleUnknownKey, "this kiosk trusts no signing key ([updates] trusted_keys is empty): it takes no bundles")
        }
        guard trustedKeys.contains(bundle.keyID) else {
            throw KioskError(.bundleUnknownKey, "signed by key \(bundle.keyID), which is not in [updates] trusted_keys")
        }
        let manifest = try BundleManifest.decode(try bundle.signedPayload())
        guard manifest.expiresAt > now else {
            throw KioskError(.bundleExpired, "bundle version \(manifest.version) expired at \(Self.format(manifest.expiresAt))")
        }
        let lifetime = manifest.expiresAt.timeIntervalSince(manifest.signedAt)
        let remaining = manifest.expiresAt.timeIntervalSince(now)
        guard lifetime <= Self.maximumLifetime, remaining <= Self.maximumLifetime else {
            throw KioskError(.bundleLifetimeTooLong, "bundle version \(manifest.version) expires at \(Self.format(manifest.expiresAt)), \(Self.days(max(lifetime, remaining))) days on; a bundle lives at most \(Self.days(Self.maximumLifetime)) days (sign it again with --expires-in 30d or less)")
        }
        guard manifest.target.includes(kioskID: kioskID, region: region) else {
            throw KioskError(.bundleWrongTarget, "bundle version \(manifest.version) is for \(manifest.target), not kiosk \(kioskID) in region \(region)")
        }
        guard manifest.version > highestVersion else {
            throw KioskError(.bundleOldVersion, "bundle version \(manifest.version) is not above version \(highestVersion), the highest this kiosk has taken")
        }
        return manifest
    }

    static func days(_ interval: TimeInterval) -> Int { Int((interval / 86400).rounded(.up)) }

    static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

extension ConfigBundle {
    /// The payload's bytes once the signature matches them under the bundle's own key_id. Whether
    /// that key is trusted is the kiosk's question (`BundleVerifier`); the backend asks only this.
    public func signedPayload() throws(KioskError) -> Data {
        guard let keyBytes = Data(base64Encoded: keyID), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else {
            throw KioskError(.bundleUnknownKey, "key_id \(keyID) is not an Ed25519 public key")
        }
        guard let payload = Data(base64Encoded: payload), let signature = Data(base64Encoded: signature),
              key.isValidSignature(signature, for: payload) else {
            throw KioskError(.bundleBadSignature, "the signature does not match the bundle's content: it was changed after signing, or signed by another key")
        }
        return payload
    }
}
