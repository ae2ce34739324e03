import Crypto
import Foundation
import KioskCore

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
