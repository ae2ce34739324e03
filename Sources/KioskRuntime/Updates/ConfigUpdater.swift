import Foundation
import KioskAPI
import KioskConfig
import KioskCore
import KioskServer
import KioskSession
import Logging
import ServiceLifecycle

/// Takes configuration changes — signed bundles pushed by kioskctl or pulled from the backend, a
/// technician's rollback, a local edit (SIGHUP) — one at a time, between residents: verify, write
/// kiosk.conf atomically keeping the previous version, reload what changed, check health, and
/// restore the previous version by itself when the new one breaks the kiosk.
actor ConfigUpdater: Service {
    enum Work: Sendable {
        case bundle(AcceptedBundle)
        case rollback(Version)
        /// A version applied just before kioskd stopped, whose health checks never ended.
        case confirm(previous: Version)
        case reload
    }

    struct AcceptedBundle: Sendable {
        var bundle: ConfigBundle
        var manifest: BundleManifest
        var configuration: KioskConfiguration
        var source: ConfigHistoryEntry.Source
    }

    let configPath: String
    let environment: [String: String]
    let reloader: ConfigReloader
    let gate: ConfigHealthGate
    let logger: Logger
    /// Pauses after the new kiosk.conf is durable and before it replaces the old (`KIOSKD_FAILPOINT`).
    let beforeRename: @Sendable () -> Void
    var history: ConfigHistory
    /// The running configuration as its file says (without --demo's backend URL).
    var running: KioskConfiguration
    var runningDocument: String
    var runningKeyID: String?
    var appliedAt: Date?
    var state: ConfigurationStatus.State = .healthy
    var detail: String?
    var queue: [Work] = []
    /// The version being written and reloaded, until its health checks start.
    var applying: Int?
    var wake: AsyncStream<Void>.Continuation?
    var desired = ConfigurationStatus.Desired()
    /// Why updates cannot be taken (the history folder cannot be written), if so.
    var unavailable: String?
    /// When the history's entries happened, bundles were checked for expiry and changes applied.
    let wallClock: WallClock
    /// Every change of state, for the backend watch to tell the backend how the kiosk stands.
    nonisolated let changes: AsyncStream<Void>
    private let announce: AsyncStream<Void>.Continuation

    init(configPath: String, document: String, configuration: KioskConfiguration, environment: [String: String],
         reloader: ConfigReloader, gate: ConfigHealthGate, wallClock: WallClock, logger: Logger, beforeRename: @escaping @Sendable () -> Void) {
        self.configPath = configPath
        self.wallClock = wallClock
        self.environment = environment
        self.reloader = reloader
        self.gate = gate
        self.logger = logger
        self.beforeRename = beforeRename
        self.history = ConfigHistory(directory: configuration.updates.historyDirectory)
        self.running = configuration
        self.runningDocument = document
        (changes, announce) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The highest version ever applied, read from the history once at start and kept up to date
    /// by `record`, so status polls do not re-read the history file.
    var highestApplied = 0

    var highestVersion: Int {
        max(highestApplied, running.kiosk.configVersion)
    }

    /// A bundle queued, or taken from the queue and not yet written.
    var pendingVersion: Int? {
        let queued = queue.compactMap { work -> Int? in if case .bundle(let accepted) = work { accepted.manifest.version } else { nil } }
        return (queued + [applying].compactMap { $0 }).max()
    }

    func run() async throws {
        do {
            try startUp()
        } catch {
            // The kiosk still serves residents; only updates are off, and say why.
            unavailable = "configuration updates are off: \(error.message)"
            logger.error("\(error.message): configuration updates are off until kioskd can write there")
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        if !queue.isEmpty { continuation.yield() }
        for await _ in stream.cancelOnGracefulShutdown() {
            while !queue.isEmpty {
                // Stopping: what is queued stays unapplied (kiosk.conf untouched) rather than half done.
                // The session may stop before this service is told to: then wait for that word, since a
                // service of the group that ends by itself would end kioskd with an error.
                guard await waitBetweenResidents(), !Task.isShuttingDownGracefully else {
                    try? await gracefulShutdown()
                    return
                }
                let work = queue.removeFirst()
                await perform(work)
            }
        }
    }

    /// The history folder exists, and a kiosk.conf write that kioskd did not finish is cleaned up.
    private func startUp() throws(KioskError) {
        try history.prepare()
        highestApplied = history.highestAppliedVersion() ?? 0
        let leftovers = AtomicFile.removeLeftovers(beside: configPath)
        if !leftovers.isEmpty {
            logger.warning("an update was interrupted before kiosk.conf was replaced: the running configuration is the previous one",
                           metadata: [LogKey.configPath: "\(configPath)", LogKey.configVersion: "\(running.kiosk.configVersion)"])
            record(.init(at: wallClock.now(), event: .interrupted, source: .startup, version: running.kiosk.configVersion,
                         detail: "removed \(leftovers.joined(separator: ", ")); version \(running.kiosk.configVersion) stayed in force"))
        }
        if history.document(version: running.kiosk.configVersion) == nil {
            try? history.keep(version: running.kiosk.configVersion, document: runningDocument, bundle: nil)
        }
        runningKeyID = history.bundle(version: running.kiosk.configVersion)?.keyID
        if let previous = unconfirmedPrevious() {
            logger.warning("version \(running.kiosk.configVersion) was applied but kioskd stopped before its health checks ended: checking it now")
            queue.append(.confirm(previous: previous))
        }
    }

    /// The version before the running one when the running one's last word in the history is
    /// "applied" (no "healthy", no rollback after it): it was never confirmed.
    private func unconfirmedPrevious() -> Version? {
        let current = running.kiosk.configVersion
        let last = history.entries().last { $0.version == current && [.applied, .healthy, .rolledBack, .reloaded].contains($0.event) }
        guard let last, last.event == .applied, let previous = last.previousVersion else { return nil }
        return try? keptVersion(previous)
    }

    /// A version kept in the history folder, parsed as kioskd would load it (with its environment).
    func keptVersion(_ version: Int) throws(KioskError) -> Version {
        guard let document = history.document(version: version) else {
            throw KioskError(.configNoPrevious, "version \(version) is no longer kept in \(history.directory)/versions")
        }
        do {
            let configuration = try KioskConfiguration.parse(text: document, source: "kept version \(version)", environment: environment)
            return Version(configuration: configuration, document: document, keyID: history.bundle(version: version)?.keyID)
        } catch {
            throw KioskError(.bundleInvalidConfiguration, "\(error)")
        }
    }

    func enqueue(_ work: Work) {
        queue.append(work)
        wake?.yield()
    }

    /// Waits until no resident is being served (at once when none is).
    /// Waits until no resident is being served; false when that will never come because kioskd is
    /// stopping (the session has stopped, or this task was cancelled).
    @discardableResult
    func waitBetweenResidents() async -> Bool {
        guard let session = reloader.session else { return true }
        for await current in await session.states() {
            if current.kind.isBetweenResidents { return true }
            if current.kind == .stopped { return false }
        }
        return false
    }

    func record(_ entry: ConfigHistoryEntry) {
        if entry.event == .applied, let version = entry.version { highestApplied = max(highestApplied, version) }
        do {
            try history.append(entry)
        } catch {
            logger.error("cannot record the configuration history: \(error)")
        }
    }

    func status() -> ConfigurationStatus {
        ConfigurationStatus(
            version: running.kiosk.configVersion, path: configPath, keyID: runningKeyID, appliedAt: appliedAt,
            state: pendingVersion != nil && state != .verifying ? .pending : state, detail: detail, pendingVersion: pendingVersion,
            highestVersion: highestVersion, trustedKeys: running.updates.trustedKeys.count, desired: desired
        )
    }

    /// Announces a change (the backend watch reports it to the backend).
    func report() {
        announce.yield()
    }
}
