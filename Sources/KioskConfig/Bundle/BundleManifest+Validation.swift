import KioskCore

extension BundleManifest {
    /// The configuration inside, validated in full and against the running one: it must parse with
    /// every check kiosk.conf gets, carry the bundle's version, name this kiosk, and change only
    /// settings kioskd can reload while running.
    public func validatedConfiguration(running: KioskConfiguration, environment: [String: String]) throws(KioskError) -> (KioskConfiguration, ConfigurationChange) {
        let configuration: KioskConfiguration
        do {
            configuration = try KioskConfiguration.parse(text: self.configuration, source: "bundle version \(version)", environment: environment)
        } catch {
            throw KioskError(.bundleInvalidConfiguration, "\(error)")
        }
        guard configuration.kiosk.configVersion == version else {
            throw KioskError(.bundleInvalidConfiguration,
                             "bundle version \(version) carries kiosk.config_version \(configuration.kiosk.configVersion): they must be equal")
        }
        guard configuration.kiosk.id == running.kiosk.id else {
            throw KioskError(.bundleInvalidConfiguration,
                             "the configuration names kiosk.id \"\(configuration.kiosk.id)\", this kiosk is \"\(running.kiosk.id)\" (a bundle for a region leaves kiosk.id to each kiosk's KIOSK_KIOSK_ID)")
        }
        let change = ConfigurationChange(from: running, to: configuration)
        guard change.anchorKeys.isEmpty else {
            throw KioskError(.bundleChangesTrustAnchor, Self.anchorRefusal(change.anchorKeys))
        }
        guard change.restartKeys.isEmpty else {
            throw KioskError(.bundleNeedsRestart,
                             "it changes \(change.restartKeys.joined(separator: ", ")), which kioskd reads only at start-up: change them in /etc/kioskd/kiosk.conf and restart kioskd")
        }
        return (configuration, change)
    }

    /// Why a change of trust anchors is refused, and who may make it.
    public static func anchorRefusal(_ keys: [String]) -> String {
        "it changes \(keys.joined(separator: ", ")): trust anchors are changed only by root in /etc/kioskd/kiosk.conf on the kiosk (then systemctl reload kioskd), never by a bundle, so one leaked signing key cannot send residents' data and pay codes elsewhere or make itself permanent"
    }
}
