import Crypto
import Foundation
import KioskCore

/// An operator's Ed25519 signing key in a file: the base64 of its 32 raw bytes.
enum BundleSigningKey {
    static func load(path: String) throws(KioskError) -> Curve25519.Signing.PrivateKey {
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

    static func encode(_ key: Curve25519.Signing.PrivateKey) -> String {
        key.rawRepresentation.base64EncodedString()
    }
}
