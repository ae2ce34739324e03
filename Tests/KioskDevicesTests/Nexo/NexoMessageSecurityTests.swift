import Crypto
import Foundation
import KioskCore
@testable import KioskDevices
import Testing

@Suite("nexo local message protection (Adyen Terminal API, AdyenCryptoVersion 1)")
struct NexoMessageSecurityTests {
    typealias Vectors = NexoSecurityVectors

    func makeSecurity(version: Int = 1, passphrase: String = Vectors.passphrase) throws -> NexoMessageSecurity {
        try NexoMessageSecurity(keyIdentifier: Vectors.keyIdentifier, keyVersion: version, passphrase: passphrase)
    }

    func trailer(_ secured: Data, root: String = "SaleToPOIRequest") throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: secured) as? [String: Any])
        let body = try #require(object[root] as? [String: Any])
        return try #require(body["SecurityTrailer"] as? [String: Any])
    }

    @Test("the key material is PBKDF2-HMAC-SHA1 over the passphrase, salt AdyenNexoV1Salt, 4000 rounds: HMAC key, cipher key, IV")
    func derivation() throws {
        #expect(try makeSecurity().derivedMaterial == HexBytes.parse(Vectors.derivedMaterial))
    }

    @Test("a response a real terminal protected opens: the HMAC of the terminal's own bytes matches and its payment result reads")
    func terminalResponse() throws {
        let message = try makeSecurity().open(Data(Vectors.terminalPaymentResponse.utf8))
        #expect(SHA256.hash(data: message).map { String(format: "%02x", $0) }.joined() == Vectors.terminalPlaintextSHA256)
        let object = try #require(try JSONSerialization.jsonObject(with: message) as? [String: Any])
        let response = try #require((object["SaleToPOIResponse"] as? [String: Any])?["PaymentResponse"] as? [String: Any])
        let result = try #require(response["PaymentResult"] as? [String: Any])
        let card = (result["PaymentInstrumentData"] as? [String: Any])?["CardData"] as? [String: Any]
        #expect(card?["MaskedPan"] as? String == "541333 **** 0010")
        #expect((result["PaymentAcquirerData"] as? [String: Any])?["ApprovalCode"] as? String == "123456")
    }

    @Test("sealing with a fixed nonce gives the independently computed blob and HMAC, and opens to the same bytes")
    func sealVector() throws {
        let security = try makeSecurity()
        let sealed = try security.seal(Data(Vectors.request.utf8), nonce: Vectors.fixedNonce)
        let trailer = try trailer(sealed)
        let body = try #require((try JSONSerialization.jsonObject(with: sealed) as? [String: Any])?["SaleToPOIRequest"] as? [String: Any])
        #expect(body["NexoBlob"] as? String == Vectors.requestBlob)
        #expect(trailer["Hmac"] as? String == Vectors.requestHmac)
        #expect(trailer["Nonce"] as? String == "AAECAwQFBgcICQoLDA0ODw==")
        #expect(trailer["AdyenCryptoVersion"] as? Int == 1 && trailer["KeyIdentifier"] as? String == Vectors.keyIdentifier && trailer["KeyVersion"] as? Int == 1)
        let header = try JSONDecoder().decode(NexoMessageHeader.self, from: JSONSerialization.data(withJSONObject: try #require(body["MessageHeader"])))
        #expect(header == NexoMessageHeader(messageCategory: .payment, serviceID: "0207111104", saleID: "POSSystemID12345", poiID: "V400m-324688179"))
        #expect(try security.open(sealed) == Data(Vectors.request.utf8))
    }

    @Test("each nonce is new: two seals of one message differ, and both open")
    func freshNonce() throws {
        let security = try makeSecurity()
        let first = try security.seal(Data(Vectors.request.utf8))
        let second = try security.seal(Data(Vectors.request.utf8))
        #expect(try trailer(first)["Nonce"] as? String != trailer(second)["Nonce"] as? String)
        #expect(try security.open(first) == security.open(second))
    }

    @Test("a message altered, made with another key, of another version or with a header swapped is refused, saying why")
    func refusals() throws {
        let security = try makeSecurity()
        let sealed = String(decoding: try security.seal(Data(Vectors.request.utf8), nonce: Vectors.fixedNonce), as: UTF8.self)
        func refusal(_ text: String, by opener: NexoMessageSecurity? = nil) -> String {
            do {
                _ = try (opener ?? security).open(Data(text.utf8))
                return "opened"
            } catch {
                return error.description
            }
        }
        // One block of the blob changed: the padding may still check out, the HMAC does not.
        let altered = sealed.replacingOccurrences(of: "bCSdA/21eXKqHofUI2X2", with: "bCSdA/21eXKqHofUI2X3")
        #expect(["HMAC does not match", "does not decrypt"].contains { refusal(altered).contains($0) }, "\(refusal(altered))")
        let otherKey = refusal(sealed, by: try makeSecurity(passphrase: "another passphrase"))
        #expect(otherKey.contains("wrong passphrase") || otherKey.contains("HMAC does not match"), "\(otherKey)")
        let otherVersionOfKey = refusal(sealed, by: try makeSecurity(version: 2))
        #expect(otherVersionOfKey.contains("not the configured CryptoKeyIdentifier12345 version 2"), "\(otherVersionOfKey)")
        let swapped = sealed.replacingOccurrences(of: #""ServiceID":"0207111104""#, with: #""ServiceID":"0207111105""#)
        #expect(refusal(swapped).contains("clear MessageHeader differs"), "\(refusal(swapped))")
        let otherVersion = sealed.replacingOccurrences(of: #""AdyenCryptoVersion":1"#, with: #""AdyenCryptoVersion":2"#)
        #expect(refusal(otherVersion).contains("AdyenCryptoVersion is 2, not 1"))
        #expect(refusal(Vectors.request).contains("not protected"))
        #expect(refusal("{\"errors\":[\"Nexo Service: crypto error (3)\"]}").contains("not one JSON object SaleToPOIRequest or SaleToPOIResponse"))
    }

    @Test("a ServiceID is 1–10 ASCII letters and digits")
    func serviceIDs() {
        #expect(NexoMessageHeader.isValidServiceID("0207111104") && NexoMessageHeader.isValidServiceID("a"))
        #expect(!NexoMessageHeader.isValidServiceID("") && !NexoMessageHeader.isValidServiceID("12345678901"))
        #expect(!NexoMessageHeader.isValidServiceID("serv-1") && !NexoMessageHeader.isValidServiceID("服务1"))
    }
}
