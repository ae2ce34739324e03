import Foundation

extension USBScannerTestbed {
    /// Set (to "1") in the re-run that hosts a testbed.
    public static let insideMarker = "KIOSK_TEST_USB_TESTBED"

    /// True in the re-run: umockdev's preload library is loaded (LD_PRELOAD names
    /// libumockdev-preload) and `insideMarker` is set.
    public static var isActive: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment[insideMarker] == "1" && (environment["LD_PRELOAD"] ?? "").contains("libumockdev-preload")
    }

    /// Runs the test binary again under `umockdev-wrapper`, limited to the tests `filter`
    /// matches, with `insideMarker` set and a private TMPDIR. Swift Testing reports on standard
    /// error: the caller checks that it says the inner run passed.
    public static func runInside(filter: String, timeout: Duration = .seconds(120)) async throws -> (status: Int32, output: String, error: String) {
        let wrapper = "/usr/bin/umockdev-wrapper"
        guard FileManager.default.isExecutableFile(atPath: wrapper) else {
            throw TestFixtureError("\(wrapper) is missing: install the umockdev package (make deps-test)")
        }
        let work = try TemporaryDirectory(prefix: "usbtb")
        defer { work.remove() }
        return try await ChildProcess.run(
            wrapper, [CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", filter],
            environment: [insideMarker: "1", "TMPDIR": work.path], workDirectory: work, timeout: timeout
        )
    }

    /// `runInside`, throwing (with the inner run's output) unless it passed exactly
    /// `expectedTestCount` tests, so that a filter matching nothing fails as well.
    public static func requirePassingRunInside(filter: String, expectedTestCount: Int = 1, timeout: Duration = .seconds(120)) async throws {
        let run = try await runInside(filter: filter, timeout: timeout)
        let passed = passedTestCount(in: run.error)
        guard run.status == 0, passed == expectedTestCount else {
            let verdict = passed.map { "passed \($0) tests instead of \(expectedTestCount)" } ?? "did not pass"
            throw TestFixtureError("the run of \(filter) inside umockdev \(verdict) (exit status \(run.status)):\n\(run.output)\n\(run.error)")
        }
    }

    /// The number of tests the inner run reports as passed, or nil when it did not pass.
    public static func passedTestCount(in standardError: String) -> Int? {
        guard let match = standardError.firstMatch(of: /Test run with (\d+) tests? (?:in \d+ suites? )?passed/) else { return nil }
        return Int(match.1)
    }
}
