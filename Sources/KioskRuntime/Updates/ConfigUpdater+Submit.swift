import Foundation
import KioskAPI
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskServer
import KioskSession

extension ConfigUpdater {
    /// Verifies and validates a bundle and queues it. Refusals are recorded, logged and thrown.
    func submit(_ data: Data, source: ConfigHistoryEntry.Source) async throws(KioskError) -> ConfigurationStatus {
        do throws(KioskError) {
            if let unavailable { throw KioskError(.configWriteFailed, unavailable) }
            if let problem = AtomicFile.replaceProblem(configPath) { throw KioskError(.configWriteFailed, problem) }
            let bundle = try ConfigBundle.decode(data)
            let verifier = BundleVerifier(trustedKeys: running.updates.trustedKeys, kioskID: running.kiosk.id, region: running.kiosk.region,
                                          highestVersion: max(highestVersion, pendingVersion ?? 0), now: wallClock.now())
            let manifest = try verifier.verify(bundle)
            let (configuration, change) = try manifest.validatedConfiguration(running: running, environment: environment)
            try checkPrinterModel(configuration)
            queue.removeAll { if case .bundle = $0 { true } else { false } }
            enqueue(.bundle(AcceptedBundle(bundle: bundle, manifest: manifest, configuration: configuration, source: source)))
            let reloads = change.reloads.sorted().map(\.rawValue).joined(separator: ", ")
            logger.notice("configuration bundle accepted: applied once no resident is being served", metadata: [
                LogKey.configVersion: "\(manifest.version)", LogKey.configSource: "\(source.rawValue)", LogKey.configReloads: "\(reloads)",
            ])
            record(.init(at: wallClock.now(), event: .accepted, source: source, version: manifest.version, previousVersion: running.kiosk.configVersion,
                         keyID: bundle.keyID, detail: reloads.isEmpty ? "nothing to reload" : "will reload: \(reloads)"))
            return status()
        } catch {
            let version = try? ConfigBundle.decode(data).unverifiedManifest().version
            logger.error("configuration bundle refused", metadata: [
                LogKey.errorCode: "\(error.code.rawValue)", LogKey.configSource: "\(source.rawValue)", LogKey.configVersion: "\(version.map(String.init) ?? "-")",
            ])
            logger.error("\(error.message)")
            record(.init(at: wallClock.now(), event: .refused, source: source, version: version, previousVersion: running.kiosk.configVersion,
                         detail: "[\(error.code.rawValue)] \(error.message)"))
            // A version under its health checks keeps saying so; the refusal is in the history.
            if state != .verifying {
                state = .refused
                detail = "version \(version.map(String.init) ?? "?") refused: \(error.message)"
            }
            report()
            throw error
        }
    }

    /// The printer model is checked against the hardware database before anything changes.
    private func checkPrinterModel(_ configuration: KioskConfiguration) throws(KioskError) {
        let known = reloader.database.printers.map(\.id)
        guard known.contains(configuration.devices.printerModel) else {
            throw KioskError(.bundleInvalidConfiguration,
                             "devices.printer_model: no profile \"\(configuration.devices.printerModel)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// Queues a return to the newest version below the current one that this kiosk ran and never
    /// rolled back from, signed (if it came in a bundle) by a key trusted today, with today's trust
    /// anchors. The health checks then judge it as they judge a new version.
    func requestRollback() throws(KioskError) -> ConfigurationStatus {
        if let unavailable { throw KioskError(.configWriteFailed, unavailable) }
        let current = running.kiosk.configVersion
        let entries = history.entries()
        let rolledBackFrom = Set(entries.filter { $0.event == .rolledBack }.compactMap(\.previousVersion))
        let ran = Set(entries.filter { [.applied, .reloaded, .rolledBack, .healthy].contains($0.event) }.compactMap(\.version)
            + entries.filter { $0.event == .applied }.compactMap(\.previousVersion))
        guard let previous = ran.filter({ $0 < current && !rolledBackFrom.contains($0) && history.document(version: $0) != nil }).max() else {
            let skipped = rolledBackFrom.filter { $0 < current }.sorted().map(String.init)
            throw KioskError(.configNoPrevious, "the history holds no version below \(current) to go back to"
                + (skipped.isEmpty ? "" : " (versions rolled back from are never taken again: \(skipped.joined(separator: ", ")))"))
        }
        let target = try keptVersion(previous)
        if let keyID = target.keyID, !running.updates.trustedKeys.contains(keyID) {
            throw KioskError(.bundleUnknownKey, "version \(previous) was signed by key \(keyID), which [updates] trusted_keys no longer holds")
        }
        let change = ConfigurationChange(from: running, to: target.configuration)
        guard change.anchorKeys.isEmpty else {
            throw KioskError(.bundleChangesTrustAnchor, "version \(previous): " + BundleManifest.anchorRefusal(change.anchorKeys))
        }
        guard change.restartKeys.isEmpty else {
            throw KioskError(.bundleNeedsRestart, "version \(previous) differs in \(change.restartKeys.joined(separator: ", ")), which needs a kioskd restart")
        }
        enqueue(.rollback(target))
        logger.notice("configuration rollback requested: applied once no resident is being served", metadata: [LogKey.configVersion: "\(previous)"])
        return status()
    }

    func requestReload() {
        enqueue(.reload)
    }

    func noteDesired(_ desired: ConfigurationStatus.Desired) {
        self.desired = desired
    }
}

extension ConfigUpdater {
    /// A version the backend still offers that this kiosk runs, has queued, or rolled back from: not taken again.
    func alreadyTaken(_ version: Int) -> Bool {
        version <= max(highestVersion, pendingVersion ?? 0)
    }
}
