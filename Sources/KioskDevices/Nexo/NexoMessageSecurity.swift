import Crypto
import _CryptoExtras
import Foundation
import KioskCore

/// The Adyen Terminal API's protection of local messages ("AdyenCryptoVersion" 1), which a nexo
/// terminal on the kiosk's LAN requires for live transactions: the whole message, encrypted, travels
/// as `NexoBlob` beside a clear copy of its `MessageHeader` and a `SecurityTrailer`.
///
/// Sources (each step below follows them):
/// - Adyen, "Protect local communications", https://docs.adyen.com/point-of-sale/design-your-integration/choose-your-architecture/local/protect
/// - Adyen, "Derive an encryption key" and "Encrypt and decrypt messages" (legacy developer pages under
///   https://docs.adyen.com/developers/point-of-sale/build-your-integration/terminal-api-integration-overview/local-communication-to-the-terminal/ ):
///   PBKDF2-HMAC-SHA1, salt "AdyenNexoV1Salt", 4000 rounds, 80 bytes = HMAC key (32) ‖ cipher key (32)
///   ‖ IV (16); the IV XOR a random 16-byte nonce per message; AES-256-CBC with PKCS#7 padding; HMAC-SHA256
///   over the plaintext; the receiver checks the version, the key, the HMAC of the decrypted bytes (not a
///   re-serialisation) and that the clear header equals the encrypted one.
/// - Adyen's own libraries agree on the byte order (HMAC key first): adyen-java-api-library
///   `NexoDerivedKeyGenerator.java`, adyen-node-api-library `nexoDerivedKeyGenerator.ts`.
public struct NexoMessageSecurity: Sendable {
    /// The shared key the terminal is configured with (Customer Area: identifier, passphrase, version).
    public let keyIdentifier: String
    public let keyVersion: Int
    // Bytes, not `SymmetricKey`s, which are not Sendable.
    private let hmacKeyBytes: [UInt8]
    private let cipherKeyBytes: [UInt8]
    private let iv: [UInt8]
    private var hmacKey: SymmetricKey { SymmetricKey(data: hmacKeyBytes) }
    private var cipherKey: SymmetricKey { SymmetricKey(data: cipherKeyBytes) }

    public static let cryptoVersion = 1
    static let salt = Array("AdyenNexoV1Salt".utf8)
    static let rounds = 4000

    /// Derives the key material from the passphrase (UTF-8, as the Java, .NET and Swift libraries read it).
    public init(keyIdentifier: String, keyVersion: Int, passphrase: String) throws(NexoSecurityError) {
        guard !passphrase.isEmpty else { throw NexoSecurityError("the terminal's passphrase is empty") }
        let material: [UInt8]
        do {
            let derived = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(passphrase.utf8), salt: Self.salt, using: .insecureSHA1, outputByteCount: 80, unsafeUncheckedRounds: Self.rounds)
            material = derived.withUnsafeBytes { Array($0) }
        } catch {
            throw NexoSecurityError("cannot derive the terminal key: \(error)")
        }
        self.keyIdentifier = keyIdentifier
        self.keyVersion = keyVersion
        hmacKeyBytes = Array(material[0..<32])
        cipherKeyBytes = Array(material[32..<64])
        iv = Array(material[64..<80])
    }

    /// The derived key material, HMAC key ‖ cipher key ‖ IV, for checks against published vectors.
    var derivedMaterial: [UInt8] { hmacKeyBytes + cipherKeyBytes + iv }

    /// `message`: a whole `{"SaleToPOIRequest": {...}}` (or response) as it would be sent in clear.
    /// `nonce`: 16 random bytes unless a test fixes them.
    public func seal(_ message: Data, nonce: [UInt8]? = nil) throws(NexoSecurityError) -> Data {
        let (root, header) = try Self.rootAndHeader(of: message, what: "the message to protect")
        let nonce = nonce ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        guard nonce.count == 16 else { throw NexoSecurityError("a nonce is 16 bytes, not \(nonce.count)") }
        let blob: Data
        do {
            blob = try AES._CBC.encrypt(message, using: cipherKey, iv: AES._CBC.IV(ivBytes: zip(iv, nonce).map { $0 ^ $1 }))
        } catch {
            throw NexoSecurityError("cannot encrypt the message: \(error)")
        }
        let mac = Data(HMAC<SHA256>.authenticationCode(for: message, using: hmacKey))
        let secured: [String: Any] = [root: [
            "MessageHeader": header,
            "NexoBlob": blob.base64EncodedString(),
            "SecurityTrailer": [
                "AdyenCryptoVersion": Self.cryptoVersion, "KeyIdentifier": keyIdentifier, "KeyVersion": keyVersion,
                "Nonce": Data(nonce).base64EncodedString(), "Hmac": mac.base64EncodedString(),
            ] as [String: Any],
        ] as [String: Any]]
        do {
            return try JSONSerialization.data(withJSONObject: secured, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw NexoSecurityError("cannot encode the protected message: \(error)")
        }
    }

    /// The message inside a protected one, exactly as its sender serialised it, once every check
    /// passes; each refusal says which check failed.
    public func open(_ secured: Data) throws(NexoSecurityError) -> Data {
        let (root, body) = try Self.root(of: secured, what: "the protected message")
        guard let blobText = body["NexoBlob"] as? String, let trailer = body["SecurityTrailer"] as? [String: Any] else {
            throw NexoSecurityError("the message is not protected: it has no NexoBlob and SecurityTrailer")
        }
        guard Self.integer(trailer["AdyenCryptoVersion"]) == Self.cryptoVersion else {
            throw NexoSecurityError("SecurityTrailer.AdyenCryptoVersion is \(trailer["AdyenCryptoVersion"].map { "\($0)" } ?? "missing"), not 1")
        }
        guard let identifier = trailer["KeyIdentifier"] as? String, identifier == keyIdentifier,
              let version = Self.integer(trailer["KeyVersion"]), version == keyVersion else {
            throw NexoSecurityError("the message is protected with key \(trailer["KeyIdentifier"].map { "\($0)" } ?? "?") version "
                + "\(trailer["KeyVersion"].map { "\($0)" } ?? "?"), not the configured \(keyIdentifier) version \(keyVersion)")
        }
        guard let nonce = (trailer["Nonce"] as? String).flatMap({ Data(base64Encoded: $0) }), nonce.count == 16 else {
            throw NexoSecurityError("SecurityTrailer.Nonce is not 16 bytes of base64")
        }
        guard let mac = (trailer["Hmac"] as? String).flatMap({ Data(base64Encoded: $0) }), mac.count == 32 else {
            throw NexoSecurityError("SecurityTrailer.Hmac is not 32 bytes of base64")
        }
        guard let blob = Data(base64Encoded: blobText), !blob.isEmpty, blob.count % 16 == 0 else {
            throw NexoSecurityError("NexoBlob is not base64 of whole AES blocks")
        }
        let message: Data
        do {
            message = try AES._CBC.decrypt(blob, using: cipherKey, iv: AES._CBC.IV(ivBytes: zip(iv, nonce).map { $0 ^ $1 }))
        } catch {
            throw NexoSecurityError("NexoBlob does not decrypt with the configured key (wrong passphrase?)")
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: hmacKey) else {
            throw NexoSecurityError("the HMAC does not match the decrypted message: it was altered or another key made it")
        }
        let (innerRoot, innerHeader) = try Self.rootAndHeader(of: message, what: "the decrypted message")
        guard innerRoot == root else { throw NexoSecurityError("the decrypted message is a \(innerRoot), the envelope a \(root)") }
        guard let clear = body["MessageHeader"] as? [String: Any] else { throw NexoSecurityError("the envelope has no MessageHeader") }
        guard try Self.header(clear) == Self.header(innerHeader) else {
            throw NexoSecurityError("the clear MessageHeader differs from the encrypted one")
        }
        return message
    }

    private static func integer(_ value: Any?) -> Int? {
        (value as? Int) ?? (value as? NSNumber)?.intValue
    }

    private static func root(of message: Data, what: String) throws(NexoSecurityError) -> (String, [String: Any]) {
        guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any], object.count == 1,
              let (root, value) = object.first, ["SaleToPOIRequest", "SaleToPOIResponse"].contains(root), let body = value as? [String: Any] else {
            throw NexoSecurityError("\(what) is not one JSON object SaleToPOIRequest or SaleToPOIResponse")
        }
        return (root, body)
    }

    private static func rootAndHeader(of message: Data, what: String) throws(NexoSecurityError) -> (String, [String: Any]) {
        let (root, body) = try root(of: message, what: what)
        guard let header = body["MessageHeader"] as? [String: Any] else { throw NexoSecurityError("\(what) has no MessageHeader") }
        return (root, header)
    }

    private static func header(_ object: [String: Any]) throws(NexoSecurityError) -> NexoMessageHeader {
        do {
            return try JSONDecoder().decode(NexoMessageHeader.self, from: JSONSerialization.data(withJSONObject: object))
        } catch {
            throw NexoSecurityError("a MessageHeader is not a nexo message header: \(error)")
        }
    }
}

/// What is wrong with a protected nexo message or the key for it.
public struct NexoSecurityError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
