import Foundation
import KioskTesting

/// True inside the umockdev re-run of this test binary; outside, runs `suite/test` there (it must
/// pass) and returns false, so the caller's outer run does nothing more.
func runsInsideTestbed(suite: String, test: String = #function) async throws -> Bool {
    if USBScannerTestbed.isActive { return true }
    try await USBScannerTestbed.requirePassingRunInside(filter: suite + "/" + NSRegularExpression.escapedPattern(for: test))
    return false
}
