import Foundation

/// A real program started by a test, with its output captured to files and signals at hand.
public final class ChildProcess: @unchecked Sendable {
    private let spawned: SpawnedProcess
    private let outputPath: String
    private let errorPath: String

    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], workDirectory: TemporaryDirectory,
        passing descriptors: [Int32] = []
    ) throws {
        var merged = ProcessInfo.processInfo.environment
        for key in merged.keys where key.hasPrefix("KIOSK_") || key == "NOTIFY_SOCKET" || key.hasPrefix("WATCHDOG_") || key.hasPrefix("LISTEN_") { merged[key] = nil }
        merged.merge(environment) { _, new in new }
        let name = URL(fileURLWithPath: executable).lastPathComponent + "-\(UUID().uuidString.prefix(8))"
        outputPath = workDirectory.file("\(name).out")
        errorPath = workDirectory.file("\(name).err")
        spawned = try SpawnedProcess(executable, arguments, environment: merged, outputPath: outputPath, errorPath: errorPath, passing: descriptors)
    }

    public var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    public var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
    public var pid: Int32 { spawned.pid }
    public var isRunning: Bool { spawned.isRunning }

    public func signal(_ signal: Int32) { spawned.signal(signal) }

    /// Waits up to `timeout` for exit; returns the exit status, or nil if it is still running.
    public func waitForExit(timeout: Duration) async -> Int32? {
        await spawned.waitForExit(timeout: timeout)
    }

    /// Kills the process if it is still running (tests never leave children behind).
    public func stop() {
        guard spawned.isRunning else { return }
        kill(spawned.pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(spawned.pid, &status, 0)
    }

    /// Runs a program to completion and returns its status and output.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        workDirectory: TemporaryDirectory, timeout: Duration = .seconds(30)
    ) async throws -> (status: Int32, output: String, error: String) {
        let child = try ChildProcess(executable, arguments, environment: environment, workDirectory: workDirectory)
        guard let status = await child.waitForExit(timeout: timeout) else {
            child.stop()
            throw TestFixtureError("\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        return (status, child.standardOutput, child.standardError)
    }
}
