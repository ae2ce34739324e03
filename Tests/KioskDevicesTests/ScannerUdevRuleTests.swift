import Foundation
import KioskConfig
import KioskCore
import KioskTesting
import Testing

@Suite("the udev rule gives kioskd every scanner model of Devices/scanners, and no one else")
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
            // Outside kioskd's claim the scanner is no keyboard for X, libinput or the browser.
            let input = rules.first { $0.contains("SUBSYSTEM==\"input\"") && $0.contains("ATTRS{idVendor}==\"\(vendor)\"") && $0.contains("ATTRS{idProduct}==\"\(product)\"") }
            #expect(input.map { $0.contains("ENV{ID_INPUT}=\"\"") && $0.contains("ENV{LIBINPUT_IGNORE_DEVICE}=\"1\"") } == true,
                    "\(model.name) \(vendor):\(product) would be an input device")
        }
        #expect(!rules.contains { $0.contains("uaccess") }, "the seat's user would get the scanner's usbfs node")
    }
}
