import Crypto
import Foundation
import X509

/// A certificate authority made by the test itself: the CA, server and client certificates that
/// real HTTPS with mutual TLS needs, written as PEM files.
public struct TestCertificateAuthority: Sendable {
    public enum Usage: Sendable { case server, client }

    public struct Issued: Sendable {
        public let certificatePath: String
        public let keyPath: String
    }

    private let keyPEM: String
    public let certificate: Certificate
    public let certificatePath: String
    private let directory: TemporaryDirectory

    public init(name: String, in directory: TemporaryDirectory, validFrom: Date = Date() - 3600, until: Date = Date() + 86400) throws {
        let key = P256.Signing.PrivateKey()
        keyPEM = key.pemRepresentation
        let subject = try DistinguishedName { CommonName(name) }
        certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: validFrom, notValidAfter: until, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key)
        )
        self.directory = directory
        certificatePath = try directory.write("\(name.replacingOccurrences(of: " ", with: "-"))-ca.pem", try certificate.serializeAsPEM().pemString)
    }

    /// A leaf certificate for `localhost` (server) or a kiosk (client), valid in the given span.
    public func issue(_ commonName: String, usage: Usage, validFrom: Date = Date() - 3600, until: Date = Date() + 86400) throws -> Issued {
        let key = try P256.Signing.PrivateKey(pemRepresentation: keyPEM)
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(leafKey.publicKey),
            notValidBefore: validFrom, notValidAfter: until,
            issuer: certificate.subject, subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([usage == .server ? .serverAuth : .clientAuth])
                if usage == .server { SubjectAlternativeNames([.dnsName(commonName)]) }
            },
            issuerPrivateKey: .init(key)
        )
        let base = "\(commonName)-\(UUID().uuidString.prefix(6))"
        return Issued(
            certificatePath: try directory.write("\(base).pem", try leaf.serializeAsPEM().pemString),
            keyPath: try directory.write("\(base).key", leafKey.pemRepresentation)
        )
    }
}
