import Foundation
import KioskCore

/// What a bundle says: the kiosk.conf to run, its version, which kiosks it is for, and until when.
public struct BundleManifest: Sendable, Codable, Equatable {
    /// Equals the configuration's `kiosk.config_version`; a kiosk only takes a version above every one it has taken.
    public var version: Int
    public var target: BundleTarget
    public var expiresAt: Date
    public var signedAt: Date
    /// The kiosk.conf text (TOML).
    public var configuration: String

    enum CodingKeys: String, CodingKey {
        case version, target, configuration
        case expiresAt = "expires_at"
        case signedAt = "signed_at"
    }

    public init(version: Int, target: BundleTarget, expiresAt: Date, signedAt: Date, configuration: String) {
        self.version = version
        self.target = target
        self.expiresAt = expiresAt
        self.signedAt = signedAt
        self.configuration = configuration
    }

    public static func decode(_ bytes: Data) throws(KioskError) -> BundleManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(BundleManifest.self, from: bytes)
        } catch {
            throw KioskError(.bundleMalformed, "the bundle's manifest is not valid (expected version, target, expires_at, signed_at, configuration): \(error)")
        }
    }

    func encoded() throws(KioskError) -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw KioskError(.bundleMalformed, "cannot encode the manifest", cause: error)
        }
    }
}

/// The kiosks a bundle is for: listed by id, or every kiosk of a region (GB/T 2260 code).
public struct BundleTarget: Sendable, Codable, Equatable, CustomStringConvertible {
    public var kiosks: [String]
    public var regions: [String]

    public init(kiosks: [String] = [], regions: [String] = []) {
        self.kiosks = kiosks
        self.regions = regions
    }

    public func includes(kioskID: String, region: String) -> Bool {
        kiosks.contains(kioskID) || regions.contains(region)
    }

    public var description: String {
        let parts = (kiosks.isEmpty ? [] : ["kiosks " + kiosks.joined(separator: ", ")]) + (regions.isEmpty ? [] : ["regions " + regions.joined(separator: ", ")])
        return parts.isEmpty ? "no kiosk" : parts.joined(separator: "; ")
    }
}
