import KioskConfig
import KioskCore

/// Reports whether the configured scanner is on the USB bus, without claiming it.
public struct ScannerStatusProbe: Sendable {
    public let database: DeviceDatabase

    public init(database: DeviceDatabase) {
        self.database = database
    }

    public func status(selector: ScannerSelector) -> DeviceStatus {
        func report(_ state: DeviceState, _ action: RequiredAction?, _ detail: String) -> DeviceStatus {
            DeviceStatus(role: .scanner, selector: selector.description, state: state, requiredAction: action, detail: detail)
        }
        if selector == .simulated {
            return report(.noDevice, .configuration, "the simulated scanner runs only with kioskd --demo")
        }
        let devices: [USBContext.DeviceIdentity]
        do {
            devices = try USBContext().devices()
        } catch {
            return report(.offline, .maintenance, error.message)
        }
        let wanted: [(UInt16, UInt16, String)] = switch selector {
        case .usb(let vendor, let product): [(vendor, product, USBID.format(vendor: vendor, product: product))]
        default: database.scanners.map { ($0.vendorID, $0.productID, $0.name) }
        }
        for device in devices {
            if let match = wanted.first(where: { $0.0 == device.vendorID && $0.1 == device.productID }) {
                let id = USBID.format(vendor: device.vendorID, product: device.productID)
                return report(.online, nil, "\(match.2) \(id) on bus \(device.busNumber) address \(device.address)")
            }
        }
        let seen = devices.map { USBID.format(vendor: $0.vendorID, product: $0.productID) }
        let what = selector == .auto ? "no known scanner model" : "no device \(selector)"
        return report(.noDevice, .maintenance, "\(what) on USB (\(seen.isEmpty ? "no USB devices" : seen.joined(separator: ", "))) — check the cable")
    }
}
