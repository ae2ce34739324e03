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

    /// Loads every model file. kioskd does not start with a broken database: the error lists every
    /// problem of every file at once, each with its file, line and key.
    public static func load(directory: String) throws(KioskError) -> DeviceDatabase {
        var problems: [String] = []
        var database = DeviceDatabase()
        database.readers = loadModels(directory, "readers", ReaderModel.profileKeys, ReaderModel.init(id:profile:), problems: &problems)
        database.scanners = loadModels(directory, "scanners", ScannerModel.profileKeys, ScannerModel.init(id:profile:), problems: &problems)
        database.printers = loadModels(directory, "printers", PrinterModel.profileKeys, PrinterModel.init(id:profile:), problems: &problems)
        guard problems.isEmpty else {
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            throw KioskError(.devicesDatabaseInvalid, (["device database \(directory): \(count)"] + problems).joined(separator: "\n"))
        }
        return database
    }

    private static func loadModels<Model>(
        _ directory: String, _ kind: String, _ keys: [String: [String]], _ make: (String, DeviceProfileReader) -> Model?, problems: inout [String]
    ) -> [Model] {
        let folder = (directory as NSString).appendingPathComponent(kind)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".toml") }.sorted()
        } catch {
            problems.append("cannot list \(folder): \(error.localizedDescription)")
            return []
        }
        var models: [Model] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                problems.append("cannot read \(path): \(error.localizedDescription)")
                continue
            }
            let log = TOMLProblemLog(source: path, text: text)
            // A misspelt key is named alone: what its absence causes would only mislead.
            if let profile = DeviceProfileReader(text: text, log: log), profile.acceptsOnly(keys), let model = make(String(name.dropLast(".toml".count)), profile),
               log.isEmpty {
                models.append(model)
            }
            problems += log.problems.map(\.description)
        }
        return models
    }
}

/// One model file read with the kiosk's TOML reader: a value that is missing or wrong is reported
/// (file, line and key) and read as nil, and reading goes on, so a file's problems come at once.
final class DeviceProfileReader {
    let root: TOMLTableReader

    /// Nil when the text is not TOML (the log says where).
    init?(text: String, log: TOMLProblemLog) {
        guard let root = TOMLTableReader.root(of: text, log: log) else { return nil }
        self.root = root
    }

    /// Reports a problem of `key` (dotted: "hid_pos.report_id").
    func report(_ key: String, _ message: String) {
        root.log.report(TOMLPath(keys: key.split(separator: ".").map(String.init)), message)
    }

    /// Reports a problem of `key`; nil, for the value it leaves out.
    func problem<Value>(_ key: String, _ message: String) -> Value? {
        report(key, message)
        return nil
    }

    func has(_ key: String) -> Bool { root.has(key) }

    func string(_ key: String) -> String? { root.required(key, .string) }

    func optionalBool(_ key: String) -> Bool? { root.optional(key, .flag) }

    func optionalString(_ key: String) -> String? { root.optional(key, .string) }

    func optionalStrings(_ key: String) -> [String]? { root.optional(key, .texts) }

    func int(_ key: String) -> Int? { root.required(key, .integer) }

    func strings(_ key: String) -> [String]? { root.required(key, .texts) }

    /// Four hex digits, e.g. "1eab".
    func hex16(_ key: String) -> UInt16? {
        guard let text = string(key) else { return nil }
        guard text.count == 4, let value = UInt16(text, radix: 16) else { return problem(key, "\"\(text)\" is not 4 hex digits") }
        return value
    }

    /// An optional `[table]`; nil when the file has none (or when it is not a table: reported).
    func section(_ name: String) -> DeviceProfileSection? {
        guard root.has(name), let table = root.table(name) else { return nil }
        return DeviceProfileSection(name: name, table: table, profile: self)
    }

    /// Whether every key of the file and of its tables is known (`known`: the keys of the file ("")
    /// and of each table); each unknown one is reported.
    func acceptsOnly(_ known: [String: [String]]) -> Bool {
        let before = root.log.problems.count
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
        return root.log.problems.count == before
    }
}
