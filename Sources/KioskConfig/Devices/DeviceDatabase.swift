import Foundation
import KioskCore

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
        database.readers = try loadModels(directory, "readers", ReaderModel.profileKeys, ReaderModel.init(id:profile:))
        database.scanners = try loadModels(directory, "scanners", ScannerModel.profileKeys, ScannerModel.init(id:profile:))
        database.printers = try loadModels(directory, "printers", PrinterModel.profileKeys, PrinterModel.init(id:profile:))
        return database
    }

    private static func loadModels<Model>(
        _ directory: String, _ kind: String, _ keys: [String: [String]], _ make: (String, DeviceProfileReader) throws(KioskError) -> Model
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
            try reader.rejectUnknownKeys(known: keys)
            models.append(try make(String(name.dropLast(".toml".count)), reader))
        }
        return models
    }
}

/// One model file read with the kiosk's TOML reader. A model file's first problem stops the load
/// (kioskd does not start with a broken device database) and names the file, line and key.
final class DeviceProfileReader {
    let path: String
    let root: TOMLTableReader

    init(text: String, path: String) throws(KioskError) {
        let log = TOMLProblemLog(source: path, text: text)
        guard let root = TOMLTableReader.root(of: text, log: log) else { throw KioskError(.devicesDatabaseInvalid, log.text) }
        self.path = path
        self.root = root
    }

    /// The problem of `key` (dotted: "hid_pos.report_id"), to throw.
    func problem(_ key: String, _ message: String) -> KioskError {
        let problem = root.log.report(TOMLPath(keys: key.split(separator: ".").map(String.init)), message)
        return KioskError(.devicesDatabaseInvalid, problem.description)
    }

    func has(_ key: String) -> Bool { root.has(key) }

    func string(_ key: String) throws(KioskError) -> String {
        try present(root.required(key, .string), key)
    }

    func optionalBool(_ key: String) throws(KioskError) -> Bool? {
        try checked(root.optional(key, .flag))
    }

    func int(_ key: String) throws(KioskError) -> Int {
        try present(root.required(key, .integer), key)
    }

    func strings(_ key: String) throws(KioskError) -> [String] {
        try present(root.required(key, .texts), key)
    }

    /// Four hex digits, e.g. "1eab".
    func hex16(_ key: String) throws(KioskError) -> UInt16 {
        let text = try string(key)
        guard text.count == 4, let value = UInt16(text, radix: 16) else { throw problem(key, "\"\(text)\" is not 4 hex digits") }
        return value
    }

    /// An optional `[table]`; nil when the file has none.
    func section(_ name: String) throws(KioskError) -> DeviceProfileSection? {
        guard root.has(name) else { return nil }
        // table(_:) has reported what the value is instead.
        guard let table = try checked(root.table(name)) else { return nil }
        return DeviceProfileSection(name: name, table: table, profile: self)
    }

    /// Before the model is read, so that a misspelt key is named rather than what its absence causes
    /// (it would otherwise silently fall back to the standard value). `known`: the keys of the file
    /// ("") and of each of its tables.
    func rejectUnknownKeys(known: [String: [String]]) throws(KioskError) {
        let topLevel = known[""] ?? []
        for key in root.keys {
            guard topLevel.contains(key) else {
                root.refuse(key, "is not a known key here (known: \(topLevel.joined(separator: ", ")))")
                continue
            }
            guard let sectionKeys = known[key], root.isTable(key), let section = root.table(key) else { continue }
            for inner in section.keys where !sectionKeys.contains(inner) {
                section.refuse(inner, "is not a known key here (known: \(sectionKeys.joined(separator: ", ")))")
            }
        }
        if let firstProblem { throw firstProblem }
    }

    func checked<Value>(_ value: Value?) throws(KioskError) -> Value? {
        if let firstProblem { throw firstProblem }
        return value
    }

    private func present<Value>(_ value: Value?, _ key: String) throws(KioskError) -> Value {
        guard let value = try checked(value) else { throw problem(key, "is missing") }
        return value
    }

    private var firstProblem: KioskError? {
        root.log.problems.first.map { KioskError(.devicesDatabaseInvalid, $0.description) }
    }
}
