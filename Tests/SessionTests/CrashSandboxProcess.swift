import Foundation
import KioskBackendAPI
import KioskTesting

/// The sandbox backend as a real separate process (`kiosk-backend`) with its own database file,
/// listening on a free loopback port it reports in its ready line.
final class CrashSandboxProcess: Sendable {
    let process: SpawnedProcess
    let url: String
    let port: Int

    init(directory: TemporaryDirectory) async throws {
        let output = directory.file("backend.out")
        let errors = directory.file("backend.err")
        process = try SpawnedProcess(
            try crashBinary("kiosk-backend"),
            [
                "--residents", RepositoryPaths.root + "/Sources/SandboxBackend/Data/residents.toml",
                "--policy", RepositoryPaths.root + "/Sources/ContributionPolicy/Policies",
                "--today", "2020-11-15", "--listen", "127.0.0.1:0", "--database", directory.file("sandbox.sqlite"),
            ],
            environment: ProcessInfo.processInfo.environment, outputPath: output, errorPath: errors
        )
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: #/http://127\.0\.0\.1:(\d+)/kiosk/v1/#), let port = Int(match.1) {
                self.port = port
                url = String(match.0)
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

    func client() throws -> HTTPSBackendClient {
        try HTTPSBackendClient(settings: BackendClientSettings(url: url, connectTimeout: .seconds(2), requestTimeout: .seconds(5)))
    }

    func stop() async {
        await process.stop()
    }
}

/// A built executable next to the test bundle; a missing one fails the test loudly.
func crashBinary(_ name: String) throws -> String {
    let path = RepositoryPaths.binary(name)
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw TestFixtureError("\(path) is missing: build with `swift build --build-tests` first")
    }
    return path
}

/// Runs a program to completion (60 s at most) with its output in files under `directory`.
func runToExit(_ executable: String, _ arguments: [String], directory: TemporaryDirectory, name: String) async throws -> (status: Int32, output: String, errors: String) {
    let outputPath = directory.file("\(name).out")
    let errorPath = directory.file("\(name).err")
    let process = try SpawnedProcess(executable, arguments, environment: ProcessInfo.processInfo.environment, outputPath: outputPath, errorPath: errorPath)
    guard let status = await process.waitForExit(timeout: .seconds(60)) else {
        process.signal(SIGKILL)
        _ = await process.waitForExit(timeout: .seconds(5))
        throw TestFixtureError("\(name) did not finish within 60 s")
    }
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    return (status, output, errors)
}
