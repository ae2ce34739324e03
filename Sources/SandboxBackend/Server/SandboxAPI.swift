import ContributionPolicy
import Foundation
import KioskBackendAPI
import KioskCore

/// The contract's operations, served from a `SandboxBackend`.
public struct SandboxAPI: APIProtocol {
    let backend: SandboxBackend

    public init(backend: SandboxBackend) {
        self.backend = backend
    }
}
