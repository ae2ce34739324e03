import Foundation
import KioskCore
import KioskTesting
import Testing

@Suite("the udev rule gives kioskd every scanner model of Devices/scanners")
struct ScannerUdevRuleTests {
    @Test("each model's VID:PID has a rule line granting the kioskd group")
    func everyModelHasARule() throws {
        let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        let rules = try String(contentsOfFile: RepositoryPaths.devicesDatabase + "/udev/70-kioskd-scanner.rules", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(database.scanners.count >= 2)
        for model in database.scanners {
            let vendor = String(format: "%04x", model.vendorID), product = String(format: "%04x", model.productID)
            let line = rules.first { $0.contains("ATTRS{idVendor}==\"\(vendor)\"") && $0.contains("ATTRS{idProduct}==\"\(product)\"") }
            #expect(line?.contains("GROUP=\"kioskd\"") == true, "no udev rule for \(model.name) \(vendor):\(product)")
        }
    }
}
