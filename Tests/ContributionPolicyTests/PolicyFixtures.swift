import ContributionPolicy
import Foundation
import KioskCore
import Testing

/// The real policy files and helpers shared by the policy tests.
enum PolicyFixtures {
    /// Tests/ContributionPolicyTests/PolicyFixtures.swift → Sources/ContributionPolicy/Policies
    static let policyDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Sources/ContributionPolicy/Policies").path
    }()

    static let book: Result<PolicyBook, KioskError> = Result { () throws(KioskError) in try PolicyBook.load(directory: policyDirectory) }

    static func policy(region: String, year: Int) throws -> RegionPolicy {
        let book = try book.get()
        return try #require(book.policy(region: region, year: year), "no policy \(region)/\(year)")
    }

    static func date(_ text: String) throws -> CalendarDate {
        try #require(CalendarDate(iso: text), "\(text) is not a date")
    }
}
