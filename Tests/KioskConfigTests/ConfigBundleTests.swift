import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("signed configuration bundles: what a kiosk takes and what it refuses")
struct ConfigBundleTests {
    static let operatorKey = TestBundleSigner()
    static let kioskID = "NT-CHONGCHUAN-0001"

    static var shipped: String {
        get throws { try String(contentsOfFile: RepositoryPaths.shippedConfiguration, encoding: .utf8) }
    }

    static func configuration(version: Int, _ edits: [(String, String)] = []) throws -> String {
        var text = try shipped.replacingOccurrences(of: "config_version = 1", with: "config_version = \(version)")
        for (old, new) in edits { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    static func verifier(trusting keys: [String] = [operatorKey.publicKey], highest: Int = 1, region: String = "320600") -> BundleVerifier {
        BundleVerifier(trustedKeys: keys, kioskID: kioskID, region: region, highestVersion: highest, now: Date())
    }

    static var running: KioskConfiguration {
        get throws { try KioskConfiguration.parse(text: try shipped, source: "kiosk.conf") }
    }

    static func refusal(_ code: KioskError.Code, _ body: () throws -> Void) -> String {
        do {
            try body()
            Issue.record("expected \(code.rawValue), nothing was thrown")
        } catch let error as KioskError {
            #expect(error.code == code, "\(error)")
            return error.message
        } catch {
            Issue.record("expected a KioskError \(code.rawValue), got \(error)")
        }
        return ""
    }

    @Test("a bundle signed by a trusted key, for this kiosk, unexpired and newer, verifies and survives its file form")
    func verifies() throws {
        let bundle = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID])
        let reread = try ConfigBundle.decode(bundle.encoded())
        #expect(reread == bundle)
        let manifest = try Self.verifier().verify(reread)
        let expected = try Self.configuration(version: 2)
        #expect(manifest.version == 2 && manifest.configuration == expected)
        let (configuration, change) = try manifest.validatedConfiguration(running: try Self.running, environment: [:])
        #expect(configuration.kiosk.configVersion == 2)
        #expect(change.reloads == [.updates] && change.restartKeys.isEmpty)
    }

    @Test("a bundle for the kiosk's region verifies; one for another kiosk or region is refused, naming both")
    func target() throws {
        let forRegion = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, regions: ["320600"])
        #expect(try Self.verifier().verify(forRegion).version == 2)
        let elsewhere = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: ["NT-OTHER-0002"], regions: ["320684"])
        let message = Self.refusal(.bundleWrongTarget) { _ = try Self.verifier().verify(elsewhere) }
        #expect(message.contains("NT-OTHER-0002") && message.contains("320684") && message.contains(Self.kioskID) && message.contains("320600"), "\(message)")
    }

    @Test("a configuration changed after signing, or a signature passed off under another trusted key, is refused")
    func tampered() throws {
        let bundle = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID])
        let edited = try TestBundleSigner.tampered(bundle, replacing: "idle_timeout_s = 60", with: "idle_timeout_s = 600")
        _ = Self.refusal(.bundleBadSignature) { _ = try Self.verifier().verify(edited) }
        let other = TestBundleSigner()
        let claimed = TestBundleSigner.claiming(bundle, key: other.publicKey)
        _ = Self.refusal(.bundleBadSignature) { _ = try Self.verifier(trusting: [Self.operatorKey.publicKey, other.publicKey]).verify(claimed) }
    }

    @Test("a key the kiosk does not trust, or a kiosk that trusts none, is refused before the signature is looked at")
    func unknownKey() throws {
        let stranger = TestBundleSigner()
        let bundle = try stranger.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID])
        let message = Self.refusal(.bundleUnknownKey) { _ = try Self.verifier().verify(bundle) }
        #expect(message.contains(stranger.publicKey) && message.contains("trusted_keys"))
        let none = Self.refusal(.bundleUnknownKey) { _ = try Self.verifier(trusting: []).verify(bundle) }
        #expect(none.contains("trusts no signing key"))
    }

    @Test("an expired bundle is refused with its expiry")
    func expired() throws {
        let bundle = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID], expiresIn: -60)
        #expect(Self.refusal(.bundleExpired) { _ = try Self.verifier().verify(bundle) }.contains("expired at"))
    }

    @Test("a version not above the highest taken is a replay and refused")
    func oldVersion() throws {
        let bundle = try Self.operatorKey.bundle(try Self.configuration(version: 3), version: 3, kiosks: [Self.kioskID])
        #expect(try Self.verifier(highest: 2).verify(bundle).version == 3)
        _ = Self.refusal(.bundleOldVersion) { _ = try Self.verifier(highest: 3).verify(bundle) }
        let message = Self.refusal(.bundleOldVersion) { _ = try Self.verifier(highest: 5).verify(bundle) }
        #expect(message.contains("version 3") && message.contains("version 5"))
    }

    @Test("invalid content is refused with every problem and its key path; so are a version or kiosk id that do not match")
    func invalidContent() throws {
        let running = try Self.running
        let broken = try Self.configuration(version: 2, [("idle_timeout_s = 60", "idle_timeout_s = 5"), ("methods = [\"paycode\", \"qr\"]", "methods = [\"cash\"]")])
        let manifest = try Self.verifier().verify(try Self.operatorKey.bundle(broken, version: 2, kiosks: [Self.kioskID]))
        let message = Self.refusal(.bundleInvalidConfiguration) { _ = try manifest.validatedConfiguration(running: running, environment: [:]) }
        #expect(message.contains("session.idle_timeout_s") && message.contains("payment.methods"), "\(message)")

        let mismatched = try Self.verifier().verify(try Self.operatorKey.bundle(try Self.configuration(version: 3), version: 2, kiosks: [Self.kioskID]))
        #expect(Self.refusal(.bundleInvalidConfiguration) { _ = try mismatched.validatedConfiguration(running: running, environment: [:]) }
            .contains("kiosk.config_version 3"))

        let otherID = try Self.configuration(version: 2, [("id = \"NT-CHONGCHUAN-0001\"", "id = \"NT-OTHER-0002\"")])
        let forOther = try Self.verifier().verify(try Self.operatorKey.bundle(otherID, version: 2, regions: ["320600"]))
        #expect(Self.refusal(.bundleInvalidConfiguration) { _ = try forOther.validatedConfiguration(running: running, environment: [:]) }
            .contains("KIOSK_KIOSK_ID"))
        // A region bundle's kiosk.id comes from each kiosk's environment.
        let (own, _) = try forOther.validatedConfiguration(running: running, environment: ["KIOSK_KIOSK_ID": Self.kioskID])
        #expect(own.kiosk.id == Self.kioskID)
    }

    @Test("settings only read at start-up are refused, naming them; reloadable ones are sorted by the part that reloads")
    func changes() throws {
        let running = try Self.running
        let restart = try Self.configuration(version: 2, [("socket = \"/run/kioskd/admin.sock\"", "socket = \"/run/kioskd/other.sock\""),
                                                      ("path = \"/var/lib/kioskd/journal.sqlite\"", "path = \"/var/lib/kioskd/j.sqlite\"")])
        let manifest = try Self.verifier().verify(try Self.operatorKey.bundle(restart, version: 2, kiosks: [Self.kioskID]))
        let message = Self.refusal(.bundleNeedsRestart) { _ = try manifest.validatedConfiguration(running: running, environment: [:]) }
        #expect(message.contains("admin") && message.contains("journal.path"), "\(message)")

        let reloadable = try KioskConfiguration.parse(text: try Self.configuration(version: 2, [
            ("printer = \"auto\"", "printer = \"cups:Receipts\""), ("idle_timeout_s = 60", "idle_timeout_s = 90"),
            ("request_timeout_ms = 10000", "request_timeout_ms = 20000"),
        ]), source: "new")
        let change = ConfigurationChange(from: running, to: reloadable)
        #expect(change.reloads == [.printer, .session, .backend, .updates])
        #expect(change.restartKeys.isEmpty)
        let simulated = try KioskConfiguration.parse(text: try Self.configuration(version: 2, [("printer = \"auto\"", "printer = \"simulated\"")]), source: "new")
        #expect(ConfigurationChange(from: running, to: simulated).restartKeys == ["devices.printer (to or from \"simulated\")"])
    }

    @Test("a bundle cannot move a trust anchor: the backend's URL or TLS files, the trusted keys or the QR origins; unchanged ones pass")
    func trustAnchors() throws {
        let running = try Self.running
        let attacker = TestBundleSigner().publicKey
        let moves: [(String, String, String)] = [
            ("url = \"https://kiosk-backend.invalid/kiosk/v1\"", "url = \"https://collector.example/kiosk/v1\"", "backend.url"),
            ("ca_file = \"/etc/kioskd/tls/backend-ca.pem\"", "ca_file = \"/etc/kioskd/tls/public-cas.pem\"", "backend.ca_file"),
            ("client_certificate = \"/etc/kioskd/tls/kiosk.pem\"", "client_certificate = \"/etc/kioskd/tls/other.pem\"", "backend.client_certificate"),
            ("client_key = \"/etc/kioskd/tls/kiosk.key\"", "client_key = \"/etc/kioskd/tls/other.key\"", "backend.client_key"),
            ("trusted_keys = []", "trusted_keys = [\"\(attacker)\"]", "updates.trusted_keys"),
            ("qr_url_origins = [\"weixin://wxpay\",", "qr_url_origins = [\"https://pay.merchant.example\", \"weixin://wxpay\",", "payment.qr_url_origins"),
            ("verification_url_origins = []", "verification_url_origins = [\"https://verify.phish.example\"]", "payment.verification_url_origins"),
        ]
        for (old, new, key) in moves {
            let manifest = try Self.verifier().verify(try Self.operatorKey.bundle(try Self.configuration(version: 2, [(old, new)]), version: 2, kiosks: [Self.kioskID]))
            let message = Self.refusal(.bundleChangesTrustAnchor) { _ = try manifest.validatedConfiguration(running: running, environment: [:]) }
            #expect(message.hasPrefix("it changes \(key):") && message.contains("only by root"), "\(message)")
        }
        let all = try Self.configuration(version: 2, moves.map { ($0.0, $0.1) })
        let manifest = try Self.verifier().verify(try Self.operatorKey.bundle(all, version: 2, kiosks: [Self.kioskID]))
        let message = Self.refusal(.bundleChangesTrustAnchor) { _ = try manifest.validatedConfiguration(running: running, environment: [:]) }
        #expect(message.contains(moves.map(\.2).joined(separator: ", ")), "\(message)")
        let same = try Self.verifier().verify(try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID]))
        #expect(try same.validatedConfiguration(running: running, environment: [:]).1.anchorKeys.isEmpty)
    }

    @Test("TLS files only under /etc/kioskd/tls/, no payment above 10 000 yuan, link origins with no path, whatever the source")
    func hardLimits() throws {
        func problems(_ edits: [(String, String)]) throws -> [ConfigProblem] {
            do {
                _ = try KioskConfiguration.parse(text: try Self.configuration(version: 1, edits), source: "kiosk.conf")
                return []
            } catch let error as ConfigValidationError {
                return error.problems
            }
        }
        for path in ["/etc/ssl/certs/ca-certificates.crt", "/etc/kioskd/tls/../../ssl/certs/ca-certificates.crt", "/etc/kioskd/tls/", "tls/ca.pem"] {
            let found = try problems([("ca_file = \"/etc/kioskd/tls/backend-ca.pem\"", "ca_file = \"\(path)\"")])
            #expect(found.map(\.keyPath) == ["backend.ca_file"] && found.first?.message.contains("/etc/kioskd/tls/") == true, "\(path): \(found)")
        }
        #expect(try problems([("max_amount_fen = 1000000", "max_amount_fen = 1000001")]).map(\.message) == ["1000001 is out of range 1…1000000"])
        #expect(try problems([("max_amount_fen = 1000000", "max_amount_fen = 38000")]).isEmpty)
        let origin = try problems([("verification_url_origins = []", "verification_url_origins = [\"https://verify.example.gov.cn/check\"]")])
        #expect(origin.map(\.keyPath) == ["payment.verification_url_origins"] && origin.first?.message.contains("with no path") == true, "\(origin)")
        let noNetworks = try problems([("qr_url_origins = [\"weixin://wxpay\", \"https://qr.alipay.com\", \"https://qr.95516.com\"]", "qr_url_origins = []")])
        #expect(noNetworks.map(\.keyPath) == ["payment.qr_url_origins"] && noNetworks.first?.message.contains("no origin is listed") == true, "\(noNetworks)")
    }

    @Test("a bundle that expires more than 30 days after signing, or after today, is refused")
    func lifetime() throws {
        let day: TimeInterval = 86400
        let longLived = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID], expiresIn: 31 * day)
        #expect(Self.refusal(.bundleLifetimeTooLong) { _ = try Self.verifier().verify(longLived) }.contains("at most 30 days"))
        let backdated = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID],
                                                    expiresIn: 5 * day, signedAt: Date().addingTimeInterval(-40 * day))
        _ = Self.refusal(.bundleLifetimeTooLong) { _ = try Self.verifier().verify(backdated) }
        let month = try Self.operatorKey.bundle(try Self.configuration(version: 2), version: 2, kiosks: [Self.kioskID], expiresIn: 30 * day - 60)
        #expect(try Self.verifier().verify(month).version == 2)
    }

    @Test("a file that is not a bundle is malformed, saying what a bundle holds")
    func malformed() {
        #expect(Self.refusal(.bundleMalformed) { _ = try ConfigBundle.decode(Data("[kiosk]\nid = 1\n".utf8)) }.contains("format, payload, signature, key_id"))
        let otherFormat = Data(#"{"format":"x/2","payload":"","signature":"","key_id":""}"#.utf8)
        #expect(Self.refusal(.bundleMalformed) { _ = try ConfigBundle.decode(otherFormat) }.contains("x/2"))
    }

    @Test("config diff compares values key by key, ignoring comments and order")
    func keyDiff() throws {
        let old = "# a comment\n[session]\nidle_timeout_s = 60\ncountdown_s = 15\n[payment]\nmethods = [\"paycode\"]\n"
        let new = "[session]\ncountdown_s = 15\nidle_timeout_s = 90\nqr_timeout_s = 200\n[payment]\nmethods = [\"paycode\", \"qr\"]\n"
        let diff = try ConfigKeyDiff(old: old, new: new)
        #expect(diff.lines == [
            "~ payment.methods: [\"paycode\"] → [\"paycode\", \"qr\"]",
            "~ session.idle_timeout_s: 60 → 90",
            "+ session.qr_timeout_s = 200",
        ])
        #expect(try ConfigKeyDiff(old: old, new: old).changes.isEmpty)
    }

    @Test("config diff goes into sub-tables and arrays of tables key by key; a file that is not TOML is named with its line")
    func keyDiffDepth() throws {
        let old = "[devices]\nprinter = \"cups:a\"\n[devices.limits]\nretries = 3\n[[devices.slot]]\nname = \"ssc\"\n[[devices.slot]]\nname = \"id\"\n"
        let new = "[devices]\nprinter = \"cups:a\"\nlimits = { retries = 4 }\n[[devices.slot]]\nname = \"ssc\"\n[[devices.slot]]\nname = \"idcard\"\n"
        #expect(try ConfigKeyDiff(old: old, new: new).lines == [
            "~ devices.limits.retries: 3 → 4",
            "~ devices.slot[1].name: \"id\" → \"idcard\"",
        ])
        do {
            _ = try ConfigKeyDiff(old: old, new: "[session]\nidle_timeout_s = 60\ncountdown_s = = 15\n")
            Issue.record("a file that is not TOML was compared")
        } catch {
            #expect(error.source == "new configuration" && error.problems.first?.line == 3, "\(error)")
        }
    }

    @Test("a bundle carrying a technician PIN hash is refused: the hash lives in root's credential file only")
    func noPINInBundles() throws {
        let hash = try TechnicianPINHash(pin: "864209", iterations: TechnicianPINHash.iterationRange.lowerBound).encoded
        let text = try Self.configuration(version: 2) + "\n[maintenance]\ntechnician_pin = \"\(hash)\"\n"
        let manifest = try Self.verifier().verify(try Self.operatorKey.bundle(text, version: 2, kiosks: [Self.kioskID]))
        let message = Self.refusal(.bundleInvalidConfiguration) { _ = try manifest.validatedConfiguration(running: try Self.running, environment: [:]) }
        #expect(message.contains("maintenance.technician_pin") && message.contains("/etc/kioskd/technician-pin"), "\(message)")
    }
}
