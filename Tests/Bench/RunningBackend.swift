import Foundation
import KioskTesting

/// kiosk-backend started as its own process; its URL is read from its "ready" log line.
struct RunningBackend {
    let process: ChildProcess
    let url: String

    static func start(binary: String, work: TemporaryDirectory, arguments: [String]) async throws -> RunningBackend {
        let process = try ChildProcess(binary, arguments, workDirectory: work)
        for _ in 0..<200 {
            if let line = process.standardOutput.split(separator: "\n").first(where: { $0.contains("kiosk-backend ready") }),
               let range = line.range(of: #"url=\S+"#, options: .regularExpression) {
                return RunningBackend(process: process, url: String(line[range].dropFirst(4)))
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.stop()
        throw TestFixtureError("kiosk-backend did not become ready: \(process.standardOutput) \(process.standardError)")
    }

    func stop() { process.stop() }
}
