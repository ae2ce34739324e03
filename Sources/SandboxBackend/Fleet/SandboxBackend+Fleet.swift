import Foundation
import GRDB
import KioskCore

extension SandboxBackend {
    /// Publishes (signs and stores) the desired configuration of one kiosk. The version must not go back.
    public func publishConfiguration(kioskID: String, document: String) throws(KioskError) {
        let record = try fleet.sign(document: document, kioskID: kioskID)
        do {
            try store.queue.write { db in
                if let current = try KioskConfigurationRecord.fetchOne(db, key: kioskID), current.configVersion > record.configVersion {
                    throw KioskError(.fleetInvalid, "configuration of \(kioskID): config_version \(record.configVersion) is older than the published \(current.configVersion)")
                }
                try record.save(db)
            }
        } catch let error as KioskError {
            throw error
        } catch {
            throw KioskError(.sandboxStoreFailed, "cannot store the configuration of \(kioskID)", cause: error)
        }
    }

    /// Publishes every `<kiosk-id>.conf` of a folder.
    public func publishConfigurations(directory: String) throws(KioskError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".conf") }.sorted()
        } catch {
            throw KioskError(.fleetInvalid, "\(directory): cannot list the fleet folder", cause: error)
        }
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let document = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw KioskError(.fleetInvalid, "\(path): cannot read")
            }
            try publishConfiguration(kioskID: String(name.dropLast(".conf".count)), document: document)
        }
    }
}
