#if canImport(Glibc)
import Glibc
#endif
import KioskConfig
import KioskCore

/// Reports whether the reader configured for a role is present in pcscd, without touching any card.
public struct ReaderStatusProbe: Sendable {
    public let database: DeviceDatabase

    public init(database: DeviceDatabase) {
        self.database = database
    }

    public func status(role: DeviceRole, selector: ReaderSelector) -> DeviceStatus {
        func report(_ state: DeviceState, _ action: RequiredAction?, _ detail: String) -> DeviceStatus {
            DeviceStatus(role: role, selector: selector.description, state: state, requiredAction: action, detail: detail)
        }
        if case .serial(let address) = selector {
            // Not pcscd's: the device is only looked for here; kioskd's driver opens it and asks its SAM.
            return access(address.path, F_OK) == 0 ? report(.online, nil, "\(address.path) present (GA 467 on a serial line)")
                : report(.noDevice, .maintenance, "no serial device at \(address.path): is the reader plugged in?")
        }
        if case .library(let address) = selector {
            return access(address.libraryPath, R_OK) == 0 ? report(.online, nil, "\(address.libraryPath) present (部标 SSC library)")
                : report(.noDevice, .maintenance, "no SSC library at \(address.libraryPath)")
        }
        if case .sdtapi(let address) = selector {
            return access(address.libraryPath, R_OK) == 0 ? report(.online, nil, "\(address.libraryPath) present (sdtapi, port \(address.port))")
                : report(.noDevice, .maintenance, "no sdtapi library at \(address.libraryPath)")
        }
        let readers: [String]
        do {
            readers = try PCSCContext().readerNames()
        } catch {
            return report(.offline, .maintenance, "\(error.message)")
        }
        switch selector {
        case .serial, .sdtapi, .library:
            return report(.noDevice, .configuration, "not a PC/SC reader")
        case .model(let id):
            return report(.noDevice, .configuration, "model:\(id) is resolved when kioskd starts")
        case .simulated:
            return report(.noDevice, .configuration, "simulated readers run only with kioskd --demo")
        case .namePattern(let pattern):
            if let name = readers.first(where: { ReaderSelector.matches($0, pattern: pattern) }) {
                return report(.online, nil, name)
            }
            return report(.noDevice, .maintenance, "no reader matches \"\(pattern)\" (pcscd has \(Self.list(readers)))")
        case .auto:
            let patterns = database.readerPatterns(for: role)
            if let name = readers.first(where: { reader in patterns.contains { ReaderSelector.matches(reader, pattern: $0) } }) {
                return report(.online, nil, name)
            }
            return report(.noDevice, .maintenance, "no known \(role.label) model found (pcscd has \(Self.list(readers)))")
        }
    }

    private static func list(_ readers: [String]) -> String {
        readers.isEmpty ? "no readers" : readers.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
