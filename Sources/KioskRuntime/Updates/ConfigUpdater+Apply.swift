import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskServer
import KioskSession

extension ConfigUpdater {
    /// The running configuration, as restored on a rollback.
    struct Version: Sendable {
        var configuration: KioskConfiguration
        var document: String
        var keyID: String?
    }

    var current: Version { Version(configuration: running, document: runningDocument, keyID: runningKeyID) }

    func perform(_ work: Work) async {
        switch work {
        case .bundle(let accepted): await apply(accepted)
        case .rollback(let target): await rollBack(to: target)
        case .confirm(let previous):
            await confirmAfterRestart(previous: previous)
        case .reload: await reloadFromDisk()
        }
    }

    func apply(_ accepted: AcceptedBundle) async {
        let version = accepted.manifest.version
        applying = version
        defer { applying = nil }
        let previous = current
        let baseline = await gate.snapshot()
        let next = Version(configuration: accepted.configuration, document: accepted.manifest.configuration, keyID: accepted.bundle.keyID)
        do {
            if history.document(version: previous.configuration.kiosk.configVersion) == nil {
                try history.keep(version: previous.configuration.kiosk.configVersion, document: previous.document, bundle: nil)
            }
            try history.keep(version: version, document: next.document, bundle: accepted.bundle)
            try install(next)
        } catch {
            state = .refused
            detail = "version \(version) not applied: \(error.message)"
            logger.error("configuration not applied: \(error.message)", metadata: [LogKey.configVersion: "\(version)"])
            record(.init(at: wallClock.now(), event: .refused, source: accepted.source, version: version, previousVersion: previous.configuration.kiosk.configVersion,
                         keyID: accepted.bundle.keyID, detail: "[\(error.code.rawValue)] \(error.message)"))
            report()
            return
        }
        state = .verifying
        detail = nil
        applying = nil
        let change = ConfigurationChange(from: previous.configuration, to: next.configuration)
        var failure: String?
        var stopping = false
        do {
            stopping = try await !reloadBetweenResidents(change, to: next.configuration)
        } catch {
            failure = "cannot reload: \(error.message)"
        }
        let reloads = change.reloads.sorted().map(\.rawValue).joined(separator: ", ")
        if stopping {
            // kiosk.conf holds the new version: "applied" without "healthy" makes the next start check it.
            record(.init(at: wallClock.now(), event: .applied, source: accepted.source, version: version, previousVersion: previous.configuration.kiosk.configVersion,
                         keyID: accepted.bundle.keyID, detail: "written; kioskd stopped before it could load it between residents"))
            logger.warning("kioskd is stopping before version \(version) could be loaded: kiosk.conf holds it, and the next start checks its health")
            return
        }
        record(.init(at: wallClock.now(), event: .applied, source: accepted.source, version: version, previousVersion: previous.configuration.kiosk.configVersion,
                     keyID: accepted.bundle.keyID, detail: reloads.isEmpty ? "nothing to reload" : "reloaded: \(reloads)"))
        logger.notice("configuration applied; checking the kiosk's health", metadata: [
            LogKey.configVersion: "\(version)", LogKey.previousConfigVersion: "\(previous.configuration.kiosk.configVersion)", LogKey.configReloads: "\(reloads)",
        ])
        report()
        if failure == nil {
            switch await gate.verdict(against: baseline, within: .seconds(next.configuration.updates.healthTimeoutSeconds)) {
            case .healthy: break
            case .failing(let reason): failure = reason
            case .interrupted:
                logger.warning("kioskd is stopping before version \(version)'s health checks ended: it stays in force unconfirmed")
                return
            }
        }
        if let failure {
            await restore(previous, replacing: version, reason: failure, source: .health)
            return
        }
        state = .healthy
        detail = nil
        record(.init(at: wallClock.now(), event: .healthy, source: accepted.source, version: version, keyID: accepted.bundle.keyID))
        logger.notice("configuration healthy", metadata: [LogKey.configVersion: "\(version)"])
        report()
    }

    /// A requested rollback, judged by the health checks like a new version: if the version gone back
    /// to breaks the kiosk, the one it replaced comes back (and the failed one is never taken again).
    func rollBack(to target: Version) async {
        let replaced = current
        let baseline = await gate.snapshot()
        await restore(target, replacing: replaced.configuration.kiosk.configVersion, reason: "requested with kioskctl config rollback", source: .rollback)
        guard running.kiosk.configVersion == target.configuration.kiosk.configVersion else { return }
        state = .verifying
        report()
        switch await gate.verdict(against: baseline, within: .seconds(target.configuration.updates.healthTimeoutSeconds)) {
        case .healthy:
            state = .healthy
            record(.init(at: wallClock.now(), event: .healthy, source: .rollback, version: target.configuration.kiosk.configVersion, keyID: target.keyID, detail: "after a rollback"))
            report()
        case .failing(let reason):
            await restore(replaced, replacing: target.configuration.kiosk.configVersion, reason: "the version rolled back to fails: \(reason)", source: .health)
        case .interrupted:
            return
        }
    }

    /// Finishes the health checks a stop cut short: the parts the change touched must work.
    func confirmAfterRestart(previous: Version) async {
        let version = running.kiosk.configVersion
        state = .verifying
        let change = ConfigurationChange(from: previous.configuration, to: running)
        let baseline = ConfigHealthGate.restartBaseline(await gate.snapshot(), change: change)
        switch await gate.verdict(against: baseline, within: .seconds(running.updates.healthTimeoutSeconds)) {
        case .healthy:
            state = .healthy
            record(.init(at: wallClock.now(), event: .healthy, source: .startup, version: version, keyID: runningKeyID, detail: "confirmed after a restart"))
            logger.notice("configuration healthy after a restart", metadata: [LogKey.configVersion: "\(version)"])
            report()
        case .failing(let reason):
            await restore(previous, replacing: version, reason: "after a restart: \(reason)", source: .health)
        case .interrupted:
            return
        }
    }

    /// Goes back to `target`: written, reloaded, recorded with why.
    func restore(_ target: Version, replacing failed: Int, reason: String, source: ConfigHistoryEntry.Source) async {
        await waitBetweenResidents()
        let change = ConfigurationChange(from: running, to: target.configuration)
        let version = target.configuration.kiosk.configVersion
        do {
            try install(target)
            try await reloadBetweenResidents(change, to: target.configuration)
        } catch {
            logger.critical("cannot restore configuration version \(version): \(error.message)")
            detail = "version \(failed) failed (\(reason)) and restoring version \(version) failed too: \(error.message)"
            state = .rolledBack
            record(.init(at: wallClock.now(), event: .rolledBack, source: source, version: version, previousVersion: failed, detail: detail))
            report()
            return
        }
        state = .rolledBack
        detail = "version \(failed) rolled back to \(version): \(reason)"
        logger.error("configuration rolled back", metadata: [
            LogKey.configVersion: "\(version)", LogKey.previousConfigVersion: "\(failed)", LogKey.configSource: "\(source.rawValue)", LogKey.reason: "\(reason)",
        ])
        record(.init(at: wallClock.now(), event: .rolledBack, source: source, version: version, previousVersion: failed, keyID: target.keyID, detail: reason))
        report()
    }

    /// SIGHUP after a local edit: reload what changed; what needs a restart waits for one.
    func reloadFromDisk() async {
        let text: String
        let configuration: KioskConfiguration
        do {
            text = try String(contentsOfFile: configPath, encoding: .utf8)
            configuration = try KioskConfiguration.parse(text: text, source: configPath, environment: environment)
        } catch let error as ConfigValidationError {
            logger.error("configuration reload refused; keeping the running configuration", metadata: [
                LogKey.configPath: "\(configPath)", LogKey.problemCount: "\(error.problems.count)",
            ])
            for problem in error.problems { logger.error("\(problem)") }
            return
        } catch {
            logger.error("configuration reload failed; keeping the running configuration: \(error)")
            return
        }
        let change = ConfigurationChange(from: running, to: configuration)
        let previousVersion = running.kiosk.configVersion
        var detail = "reloaded: " + change.reloads.sorted().map(\.rawValue).joined(separator: ", ")
        do {
            try await reloadBetweenResidents(change, to: configuration)
        } catch {
            detail += "; failed: \(error.message)"
            logger.error("configuration reload incomplete: \(error.message)")
        }
        if !change.restartKeys.isEmpty {
            detail += "; at the next restart: " + change.restartKeys.joined(separator: ", ")
            logger.warning("these settings take effect when kioskd restarts: \(change.restartKeys.joined(separator: ", "))")
        }
        running = configuration
        runningDocument = text
        runningKeyID = nil
        appliedAt = wallClock.now()
        try? history.keep(version: configuration.kiosk.configVersion, document: text, bundle: nil)
        record(.init(at: wallClock.now(), event: .reloaded, source: .sighup, version: configuration.kiosk.configVersion, previousVersion: previousVersion, detail: detail))
        logger.notice("configuration reloaded", metadata: [LogKey.configPath: "\(configPath)", LogKey.configVersion: "\(configuration.kiosk.configVersion)"])
        report()
    }

    /// Writes kiosk.conf atomically, with the file's own mode, and makes `version` the running one.
    private func install(_ version: Version) throws(KioskError) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: configPath)
        let mode = (attributes?[.posixPermissions] as? NSNumber).map { mode_t($0.uint16Value) } ?? 0o640
        try AtomicFile.write(Data(version.document.utf8), to: configPath, mode: mode, beforeRename: beforeRename)
        running = version.configuration
        runningDocument = version.document
        runningKeyID = version.keyID
        appliedAt = wallClock.now()
    }

    /// The session takes new settings only between residents: if one started meanwhile, wait for it.
    /// False when kioskd stops first (then what kiosk.conf holds is loaded at the next start).
    @discardableResult
    private func reloadBetweenResidents(_ change: ConfigurationChange, to configuration: KioskConfiguration) async throws(KioskError) -> Bool {
        while try await !reloader.reload(change, to: configuration) {
            guard await waitBetweenResidents() else { return false }
        }
        return true
    }
}
