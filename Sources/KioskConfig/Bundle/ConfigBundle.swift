import Foundation
import KioskCore

/// A signed configuration bundle, as `kioskctl config sign` writes it and the backend serves it:
/// the manifest's exact JSON bytes (base64), an Ed25519 signature over those bytes, and the public
/// key that made it. The bytes are verified before they are decoded, so no canonical form is needed.
public struct ConfigBundle: Sendable, Codable, Equatable {
    public static let currentFormat = "kioskd-config-bundle/1"

    public var format: String
    /// Base64 of the manifest's JSON bytes: exactly what was signed.
    public var payload: String
    /// Base64 Ed25519 signature over the payload's bytes.
    public var signature: String
    /// Base64 of the signer's 32-byte public key.
    public var keyID: String

    enum CodingKeys: String, CodingKey {
        case format, payload, signature
        case keyID = "key_id"
    }

    public init(format: String = Self.currentFormat, payload: String, signature: String, keyID: String) {
        self.format = format
        self.payload = payload
        self.signature = signature
        self.keyID = keyID
    }

    /// Reads a bundle file's JSON; a file that is not a bundle is a `bundle.malformed` error naming what is wrong.
    public static func decode(_ data: Data) throws(KioskError) -> ConfigBundle {
        let bundle: ConfigBundle
        do {
            bundle = try JSONDecoder().decode(ConfigBundle.self, from: data)
        } catch {
            throw KioskError(.bundleMalformed, "not a configuration bundle (expected JSON with format, payload, signature, key_id): \(error)")
        }
        guard bundle.format == currentFormat else {
            throw KioskError(.bundleMalformed, "bundle format \"\(bundle.format)\" is not \(currentFormat)")
        }
        return bundle
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The manifest without checking the signature: for showing or diffing a bundle, never for applying it.
    public func unverifiedManifest() throws(KioskError) -> BundleManifest {
        guard let bytes = Data(base64Encoded: payload) else { throw KioskError(.bundleMalformed, "the bundle's payload is not base64") }
        return try BundleManifest.decode(bytes)
    }
}
