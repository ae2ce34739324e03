import Foundation

/// A real program started by a test, with its output captured to files and signals at hand.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    private let outputPath: String
    private let errorPath: String

    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], workDirectory: TemporaryDirectory) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for key in merged.keys where key.hasPrefix("KIOSK_") || key == "NOTIFY_SOCKET" || key.hasPrefix("WATCHDOG_") { merged[key] = nil }
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let name = URL(fileURLWithPath: executable).lastPathComponent + "-\(UUID().uuidString.prefix(8))"
        outputPath = workDirectory.file("\(name).out")
        errorPath = workDirectory.file("\(name).err")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    public var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    public var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
    public var pid: Int32 { process.processIdentifier }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `timeout` for exit; returns the exit status, or nil if it is still running.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// Kills the process if it is still running (tests never leave children behind).
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
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
