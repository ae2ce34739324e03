import Foundation

/// `kiosk-backend` as its own process (so its state outlives a killed client), on a free loopback
/// port it reports in its ready line (`url=…`).
public final class SandboxProcess: Sendable {
    public let process: SpawnedProcess
    /// The contract's base URL, e.g. `http://127.0.0.1:41234/kiosk/v1`.
    public let url: String

    /// The demo residents and the seed policies, a fresh database in `directory`, today 2020-11-15;
    /// `extraArguments` add e.g. TLS options.
    public init(directory: TemporaryDirectory, residentsFile: String = RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml",
                extraArguments: [String] = []) async throws {
        let output = directory.file("backend.out")
        let errors = directory.file("backend.err")
        process = try SpawnedProcess(
            try RepositoryPaths.requiredBinary("kiosk-backend"),
            [
                "--residents", residentsFile, "--policy", RepositoryPaths.root + "/Sources/ContributionPolicy/Policies",
                "--today", "2020-11-15", "--listen", "127.0.0.1:0", "--database", directory.file("sandbox.sqlite"),
            ] + extraArguments,
            environment: ProcessInfo.processInfo.environment, outputPath: output, errorPath: errors
        )
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("kiosk-backend ready") }),
               let match = line.firstMatch(of: #/url=(\S+)/#) {
                url = String(match.1)
                return
            }
            if let status = process.terminationStatus {
                let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                throw TestFixtureError("kiosk-backend exited with \(status) before listening: \(stderr)\(text)")
            }
            if ContinuousClock.now >= deadline {
                await process.stop()
                throw TestFixtureError("kiosk-backend did not report listening within 30 s: \(text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    public func stop() async {
        await process.stop()
    }
}
