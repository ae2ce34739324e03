import Crypto
import Foundation
import KioskCore

/// Signs each kiosk's desired configuration with the fleet's Ed25519 key.
public struct FleetSigner: Sendable {
    private let rawKey: Data

    public init(key: Curve25519.Signing.PrivateKey = .init()) {
        rawKey = key.rawRepresentation
    }

    var key: Curve25519.Signing.PrivateKey {
        // rawKey came from a valid key, so this cannot fail; a fresh key would only break signatures loudly.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: rawKey)) ?? Curve25519.Signing.PrivateKey()
    }

    /// A key file holds the base64 of the 32-byte raw private key.
    public static func load(keyFile: String) throws(KioskError) -> FleetSigner {
        do {
            let text = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let raw = Data(base64Encoded: text), raw.count == 32 else {
                throw KioskError(.fleetInvalid, "\(keyFile): not the base64 of a 32-byte Ed25519 private key")
            }
            return FleetSigner(key: try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
        } catch let error as KioskError {
            throw error
        } catch {
            throw KioskError(.fleetInvalid, "\(keyFile): cannot read the signing key", cause: error)
        }
    }

    /// Base64 of the public key: what kiosks list in `updates.trusted_keys`.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// Validates `document` as a kiosk.conf for `kioskID` and signs it.
    func sign(document: String, kioskID: String) throws(KioskError) -> KioskConfigurationRecord {
        let configuration: KioskConfiguration
        do {
            configuration = try KioskConfiguration.parse(text: document, source: "configuration of \(kioskID)")
        } catch {
            throw KioskError(.fleetInvalid, "\(error)")
        }
        guard configuration.kiosk.id == kioskID else {
            throw KioskError(.fleetInvalid, "configuration of \(kioskID) names kiosk.id \"\(configuration.kiosk.id)\"")
        }
        let bytes = Data(document.utf8)
        let signature: Data
        do {
            signature = try key.signature(for: bytes)
        } catch {
            throw KioskError(.fleetInvalid, "cannot sign the configuration of \(kioskID)", cause: error)
        }
        let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
        return KioskConfigurationRecord(
            kioskId: kioskID, configVersion: configuration.kiosk.configVersion, document: document,
            signature: signature.base64EncodedString(), keyId: publicKeyBase64, etag: "\"\(digest)\""
        )
    }
}
