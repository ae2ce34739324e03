import Crypto
import Foundation
import KioskCore
import _CryptoExtras

/// The technician PIN as kiosk.conf stores it: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`
/// (PBKDF2-HMAC-SHA256). kioskd keeps only this; the PIN itself is never stored or logged.
public struct TechnicianPINHash: Sendable, Equatable {
    public static let scheme = "pbkdf2-sha256"
    public static let defaultIterations = 210_000
    public static let iterationRange = 100_000...10_000_000
    public static let pinLengths = 6...8

    public let iterations: Int
    public let salt: [UInt8]
    public let hash: [UInt8]

    /// Parses the stored form; nil when it is not exactly that form.
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme,
              let iterations = Int(parts[1]), Self.iterationRange.contains(iterations),
              let salt = Data(base64Encoded: String(parts[2])), salt.count >= 16,
              let hash = Data(base64Encoded: String(parts[3])), hash.count == 32 else { return nil }
        self.iterations = iterations
        self.salt = Array(salt)
        self.hash = Array(hash)
    }

    /// Hashes `pin` with a fresh random salt.
    public init(pin: String, iterations: Int = TechnicianPINHash.defaultIterations) throws(KioskError) {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.iterations = iterations
        self.salt = salt
        self.hash = try Self.derive(pin: pin, salt: salt, iterations: iterations)
    }

    public var encoded: String {
        "\(Self.scheme)$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Whether `pin` is the technician PIN; compares in constant time.
    public func matches(_ pin: String) -> Bool {
        guard let candidate = try? Self.derive(pin: pin, salt: salt, iterations: iterations), candidate.count == hash.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(candidate, hash) { difference |= left ^ right }
        return difference == 0
    }

    /// A PIN is 6 to 8 digits.
    public static func isWellFormed(pin: String) -> Bool {
        pinLengths.contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The systemd credential kioskd.service loads (`LoadCredential=technician-pin:/etc/kioskd/technician-pin`).
    public static let credentialName = "technician-pin"
    public static let credentialSource = "/etc/kioskd/technician-pin"

    /// The hash from `$CREDENTIALS_DIRECTORY/technician-pin`: nil when there is none or it is empty
    /// (the service menu is then disabled). The hash lives outside kiosk.conf, so it never travels in
    /// bundles, kept versions or the environment (`systemctl show` prints environments to every user).
    public static func fromCredential(environment: [String: String]) throws(KioskError) -> TechnicianPINHash? {
        guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else { return nil }
        let path = directory + "/" + credentialName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KioskError(.configInvalid, "\(path) (from \(credentialSource)) cannot be read")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        guard let hash = TechnicianPINHash(encoded: text) else {
            throw KioskError(.configInvalid, "\(credentialSource) (credential \(credentialName)): " + (problem(text) ?? "not a PIN hash"))
        }
        return hash
    }

    /// Why a stored value is unacceptable (nil when it parses).
    public static func problem(_ encoded: String) -> String? {
        if encoded.isEmpty || TechnicianPINHash(encoded: encoded) != nil { return nil }
        return "not a PIN hash of the form pbkdf2-sha256$<iterations \(iterationRange.lowerBound)…>$<salt base64>$<32-byte hash base64>; make one with `kioskctl pin hash > \(credentialSource)`"
    }

    private static func derive(pin: String, salt: [UInt8], iterations: Int) throws(KioskError) -> [UInt8] {
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                        unsafeUncheckedRounds: iterations)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw KioskError(.configInvalid, "PBKDF2 failed: \(error)")
        }
    }
}
