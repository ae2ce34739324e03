import Foundation
import KioskCore
import TOMLKit

/// The hardware database: one TOML file per supported model under `readers/`, `scanners/`
/// and `printers/` of the configured directory (the repository's `Devices/`).
public struct DeviceDatabase: Sendable, Equatable {
    public var readers: [ReaderModel]
    public var scanners: [ScannerModel]
    public var printers: [PrinterModel]

    public init(readers: [ReaderModel] = [], scanners: [ScannerModel] = [], printers: [PrinterModel] = []) {
        self.readers = readers
        self.scanners = scanners
        self.printers = printers
    }

    /// The patterns `auto` accepts for `role`: a virtual reader's are left out (review M9).
    public func readerPatterns(for role: DeviceRole) -> [String] {
        readers.filter { $0.roles.contains(role) && !$0.isVirtual }.flatMap(\.namePatterns)
    }

    /// Loads every model file; a broken file is an error naming the file and key.
    public static func load(directory: String) throws(KioskError) -> DeviceDatabase {
        var database = DeviceDatabase()
        database.readers = try loadModels(directory, "readers", ReaderModel.init(id:profile:))
        database.scanners = try loadModels(directory, "scanners", ScannerModel.init(id:profile:))
        database.printers = try loadModels(directory, "printers", PrinterModel.init(id:profile:))
        return database
    }

    private static func loadModels<Model>(
        _ directory: String, _ kind: String, _ make: (String, DeviceProfileReader) throws(KioskError) -> Model
    ) throws(KioskError) -> [Model] {
        let folder = (directory as NSString).appendingPathComponent(kind)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }.sorted()
        } catch {
            throw KioskError(.devicesDatabaseInvalid, "cannot list \(folder): \(error.localizedDescription)")
        }
        var models: [Model] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw KioskError(.devicesDatabaseInvalid, "cannot read \(path): \(error.localizedDescription)")
            }
            let reader = try DeviceProfileReader(text: text, path: path)
            models.append(try make(String(name.dropLast(".toml".count)), reader))
        }
        return models
    }
}

/// Typed access to one model file's top-level keys, with errors that name the file and key.
struct DeviceProfileReader {
    let table: TOMLTable
    let path: String

    init(text: String, path: String) throws(KioskError) {
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw KioskError(.devicesDatabaseInvalid, "\(path): invalid TOML at line \(error.source.begin.line): \(error.description)")
        } catch {
            throw KioskError(.devicesDatabaseInvalid, "\(path): invalid TOML: \(error)")
        }
        self.path = path
    }

    func problem(_ key: String, _ message: String) -> KioskError {
        KioskError(.devicesDatabaseInvalid, "\(path): \(key): \(message)")
    }

    func string(_ key: String) throws(KioskError) -> String {
        guard let value = table[key]?.string else { throw problem(key, "expected a string") }
        return value
    }

    func optionalBool(_ key: String) throws(KioskError) -> Bool? {
        guard let node = table[key] else { return nil }
        guard node.type == .bool, let value = node.bool else { throw problem(key, "expected true or false") }
        return value
    }

    func int(_ key: String) throws(KioskError) -> Int {
        guard let node = table[key], node.type == .int, let value = node.int else { throw problem(key, "expected an integer") }
        return value
    }

    func strings(_ key: String) throws(KioskError) -> [String] {
        guard let array = table[key]?.array else { throw problem(key, "expected a list of strings") }
        var values: [String] = []
        for element in array {
            guard let value = element.string else { throw problem(key, "expected a list of strings") }
            values.append(value)
        }
        return values
    }

    func hex16(_ key: String) throws(KioskError) -> UInt16 {
        let text = try string(key)
        guard text.count == 4, let value = UInt16(text, radix: 16) else { throw problem(key, "\"\(text)\" is not 4 hex digits") }
        return value
    }
}
