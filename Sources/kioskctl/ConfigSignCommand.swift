import ArgumentParser
import Crypto
import Foundation
import KioskConfig
import KioskCore

struct ConfigKeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 signing key for configuration bundles; prints the public key for [updates] trusted_keys."
    )

    @Option(name: .long, help: "Where to write the private key (created with mode 0600; an existing file is never overwritten).")
    var output: String

    func run() async throws {
        let key = Curve25519.Signing.PrivateKey()
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationError("--output \(output): cannot create it (\(String(cString: strerror(errno)))); an existing key is never overwritten") }
        let text = BundleSigningKey.encode(key) + "\n"
        let written = text.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        guard written == text.utf8.count else { throw ValidationError("--output \(output): cannot write the key") }
        print("private key: \(output) (keep it off the kiosks)")
        print("public key, for [updates] trusted_keys: \(key.publicKey.rawRepresentation.base64EncodedString())")
    }
}

struct ConfigPublicKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print the public key of a signing key, as [updates] trusted_keys lists it."
    )

    @Option(name: .long, help: "The signing key (from `kioskctl config keygen`).")
    var key: String

    func run() async throws {
        print(try BundleSigningKey.load(path: key).publicKey.rawRepresentation.base64EncodedString())
    }
}

struct ConfigSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a kiosk.conf into a bundle for some kiosks or regions; its version is the file's kiosk.config_version.",
        discussion: "The file is validated first, as kioskd will. A bundle for a region leaves kiosk.id to each kiosk's KIOSK_KIOSK_ID."
    )

    @Argument(help: "The kiosk.conf to sign.")
    var file: String
    @Option(name: .long, help: "The operator's signing key (from `kioskctl config keygen`).")
    var key: String
    @Option(name: .customLong("kiosk"), help: "A kiosk id the bundle is for (repeat for several).")
    var kiosks: [String] = []
    @Option(name: .customLong("region"), help: "A GB/T 2260 region code whose kiosks the bundle is for (repeat for several).")
    var regions: [String] = []
    @Option(name: .customLong("expires-in"), help: "How long the bundle may be applied: 90m, 36h or 30d (at most).")
    var expiresIn: String = "30d"
    @Option(name: .long, help: "Where to write the bundle; default: standard output.")
    var output: String?

    func validate() throws {
        guard !kiosks.isEmpty || !regions.isEmpty else { throw ValidationError("name the kiosks it is for: --kiosk ID and/or --region CODE") }
        guard let lifetime = Self.duration(expiresIn) else { throw ValidationError("--expires-in \(expiresIn): expected a number and m, h or d, e.g. 30d") }
        guard lifetime <= BundleVerifier.maximumLifetime else {
            throw ValidationError("--expires-in \(expiresIn): a bundle lives at most 30d (kiosks refuse a longer one)")
        }
        if let region = regions.first(where: { $0.count != 6 || !$0.allSatisfy(\.isASCIIDigit) }) {
            throw ValidationError("--region \(region): expected a six-digit GB/T 2260 code such as 320600")
        }
    }

    func run() async throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("\(file): cannot read it: \(error.localizedDescription)")
        }
        let parsed: KioskConfiguration
        do {
            parsed = try KioskConfiguration.parse(text: text, source: file)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let signingKey = try BundleSigningKey.load(path: key)
        let now = Date()
        let manifest = BundleManifest(
            version: parsed.kiosk.configVersion, target: BundleTarget(kiosks: kiosks, regions: regions),
            expiresAt: now.addingTimeInterval(Self.duration(expiresIn) ?? 0), signedAt: now, configuration: text)
        let bundle = try ConfigBundle.sign(manifest, with: signingKey)
        let data = bundle.encoded() + Data("\n".utf8)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: data) else { throw ValidationError("--output \(output): cannot write it") }
            printError("signed version \(manifest.version) for \(manifest.target), expires \(ISO8601DateFormatter().string(from: manifest.expiresAt)): \(output)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Double(text.dropLast()), number > 0 else { return nil }
        switch unit {
        case "m": return number * 60
        case "h": return number * 3600
        case "d": return number * 86400
        default: return nil
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
