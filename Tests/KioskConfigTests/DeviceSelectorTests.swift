import KioskTesting
import KioskConfig
import KioskCore
import Testing

@Suite("device selectors")
struct DeviceSelectorTests {
    @Test("reader-name patterns match with * and ?")
    func readerPatterns() {
        #expect(ReaderSelector.matches("Virtual PCD 00 00", pattern: "Virtual PCD*"))
        #expect(ReaderSelector.matches("ACS ACR39U ICC Reader 00 00", pattern: "ACS ACR39U*"))
        #expect(ReaderSelector.matches("Virtual PCD 00 01", pattern: "Virtual PCD 00 0?"))
        #expect(!ReaderSelector.matches("Virtual PCD 00 00", pattern: "ACS*"))
        #expect(!ReaderSelector.matches("Virtual PCD", pattern: "Virtual PCD 00 00"))
        #expect(ReaderSelector.matches("", pattern: "*"))
    }

    @Test("the repository's device database loads and finds readers by role")
    func databaseLoads() throws {
        let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        #expect(database.readerPatterns(for: .sscReader).contains("ACS ACR39U*"))
        #expect(!database.readerPatterns(for: .sscReader).contains("Virtual PCD*"), "auto never takes the virtual reader")
        #expect(database.scanners.contains { $0.vendorID == 0x1EAB && $0.productID == 0x1D06 })
        #expect(Set(database.printers.map(\.paperWidthMillimetres)) == [58, 80])
    }
}
