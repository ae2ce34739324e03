import ContributionPolicy
import Foundation
import KioskConfig
import KioskCore

/// The reference backend: resident registry, regional policies, simulated payment provider,
/// e-receipts and fleet configuration, over one SQLite store.
public final class SandboxBackend: Sendable {
    public let registry: ResidentRegistry
    public let policies: PolicyBook
    public let store: SandboxStore
    public let settings: SandboxSettings

    public init(registry: ResidentRegistry, policies: PolicyBook, store: SandboxStore, settings: SandboxSettings) {
        self.registry = registry
        self.policies = policies
        self.store = store
        self.settings = settings
    }

    /// Loads residents and policies from files; `databasePath` nil keeps the store in memory.
    public static func load(residentsFile: String, policyDirectory: String, databasePath: String?, settings: SandboxSettings) throws(KioskError) -> SandboxBackend {
        let registry = try ResidentRegistry.load(path: residentsFile)
        let policies = try PolicyBook.load(directory: policyDirectory)
        let store = try SandboxStore(path: databasePath)
        return SandboxBackend(registry: registry, policies: policies, store: store, settings: settings)
    }
}
