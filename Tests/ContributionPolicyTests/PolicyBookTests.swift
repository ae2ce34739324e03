import ContributionPolicy
import KioskCore
import Testing

@Suite("policy files load")
struct PolicyBookTests {
    @Test("the five seed notices load, one policy each")
    func allFive() throws {
        let book = try PolicyFixtures.book.get()
        let keys = Set(book.policies.map { "\($0.region)/\($0.year)" })
        #expect(keys == ["320600/2021", "320684/2020", "500119/2021", "320684/2022", "620725/2021"])
    }
}
