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
        var reported: String?
        let readyLine = {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.contains("kiosk-backend ready") }.flatMap { $0.firstMatch(of: #/url=(\S+)/#) }.map { String($0.1) }
        }
        do {
            try await process.waitUntilReady(
                "kiosk-backend", waitingFor: "report listening", timeout: .seconds(30),
                log: { StackLog.tail(errors, 1200) + StackLog.tail(output, 600) }
            ) {
                reported = readyLine()
                return reported != nil
            }
        } catch {
            await process.stop()
            throw error
        }
        guard let reported else { throw TestFixtureError("kiosk-backend's ready line has no url") }
        url = reported
    }

    public func stop() async {
        await process.stop()
    }
}
