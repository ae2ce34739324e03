import Crypto
import Foundation
import X509

/// The demo terminal's TLS identity, made at start: a root the kiosk trusts and a certificate issued
/// by it to the terminal's name, as an Adyen terminal's chains to Adyen's root. Nothing is written
/// to disk; the key lives as long as the process.
public struct SimulatedTerminalCredentials: Sendable {
    public let rootPEM: String
    public let certificatePEM: String
    public let keyPEM: String
    /// The shared key of the local message protection (random per run).
    public let passphrase: String

    public static func generate(certificateName: String, now: Date) throws -> SimulatedTerminalCredentials {
        let rootKey = P256.Signing.PrivateKey()
        let rootName = try DistinguishedName { CommonName("kioskd demo terminal root") }
        let root = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(rootKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 30 * 86400, issuer: rootName, subject: rootName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(rootKey)
        )
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 30 * 86400,
            issuer: rootName, subject: try DistinguishedName { CommonName(certificateName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName(certificateName)])
            },
            issuerPrivateKey: .init(rootKey)
        )
        let passphrase = (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return SimulatedTerminalCredentials(
            rootPEM: try root.serializeAsPEM().pemString, certificatePEM: try leaf.serializeAsPEM().pemString,
            keyPEM: leafKey.pemRepresentation, passphrase: passphrase
        )
    }
}
