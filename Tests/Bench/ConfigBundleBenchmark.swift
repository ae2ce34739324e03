import Foundation
import KioskConfig
import KioskCore
import KioskTesting

/// What a kiosk spends on a pushed or pulled bundle before it is queued: decode, Ed25519 check,
/// expiry, target, version, and the full validation of the kiosk.conf inside.
struct ConfigBundleBenchmark {
    var checks = 200

    func run() throws -> [BenchRow] {
        let signer = TestBundleSigner()
        let shipped = try String(contentsOfFile: RepositoryPaths.shippedConfiguration, encoding: .utf8)
        let running = try KioskConfiguration.parse(text: shipped, source: "kiosk.conf")
        let next = shipped.replacingOccurrences(of: "config_version = 1", with: "config_version = 2")
        let file = try signer.bundle(next, version: 2, kiosks: [running.kiosk.id]).encoded()
        let verifier = BundleVerifier(trustedKeys: [signer.publicKey], kioskID: running.kiosk.id, region: running.kiosk.region, highestVersion: 1, now: Date())
        var samples = LatencySamples()
        let clock = ContinuousClock()
        for _ in 0..<checks {
            let began = clock.now
            let manifest = try verifier.verify(try ConfigBundle.decode(file))
            _ = try manifest.validatedConfiguration(running: running, environment: [:])
            samples.add(clock.now - began)
        }
        let p50 = samples.percentileMilliseconds(50)
        return [BenchRow(name: "config bundle: verify + validate (median of \(checks))", value: p50, unit: "ms", target: "< 20", met: p50 < 20)]
    }
}
