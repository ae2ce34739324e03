import Crypto
import Foundation

extension ConfigBundle {
    /// Signs a manifest: the operator's side (`kioskctl config sign`).
    public static func sign(_ manifest: BundleManifest, with key: Curve25519.Signing.PrivateKey) throws(KioskError) -> ConfigBundle {
        let bytes = try manifest.encoded()
        let signature: Data
        do {
            signature = try key.signature(for: bytes)
        } catch {
            throw KioskError(.bundleMalformed, "cannot sign the bundle", cause: error)
        }
        return ConfigBundle(payload: bytes.base64EncodedString(), signature: signature.base64EncodedString(),
                            keyID: key.publicKey.rawRepresentation.base64EncodedString())
    }
}

/// An operator's Ed25519 signing key in a file: the base64 of its 32 raw bytes.
public enum BundleSigningKey {
    public static func load(path: String) throws(KioskError) -> Curve25519.Signing.PrivateKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw KioskError(.bundleMalformed, "\(path): cannot read the signing key: \(error.localizedDescription)")
        }
        guard let raw = Data(base64Encoded: text), raw.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KioskError(.bundleMalformed, "\(path): not a signing key (expected the base64 of a 32-byte Ed25519 private key, as `kioskctl config keygen` writes)")
        }
        return key
    }

    public static func encode(_ key: Curve25519.Signing.PrivateKey) -> String {
        key.rawRepresentation.base64EncodedString()
    }
}
