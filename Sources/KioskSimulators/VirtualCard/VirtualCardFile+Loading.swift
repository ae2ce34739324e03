import Foundation
import KioskConfig

extension VirtualCardFile {
    /// Reads and validates a card file; errors name the file, the key and the problem.
    public static func load(path: String) throws(VirtualCardFileError) -> VirtualCardFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "no such file"
            throw VirtualCardFileError(source: path, problems: [.init(key: "", message: reason)])
        }
        return try VirtualCardFile(toml: text, source: path)
    }

    /// Parses and validates card-file text. `source` names it in errors; a relative `idcard.photo`
    /// path is taken from the directory of `source`.
    public init(toml: String, source: String) throws(VirtualCardFileError) {
        let log = TOMLProblemLog(source: source, text: toml)
        guard let root = TOMLTableReader.root(of: toml, log: log) else { throw VirtualCardFileError(source: source, log: log) }
        try self.init(reading: CardFileReader(root: root), source: source)
    }

    /// Validates what `reader` reads: a card file's text or a card written in memory.
    init(reading reader: CardFileReader, source: String) throws(VirtualCardFileError) {
        let fault = reader.fault()
        var content: Content?
        switch reader.string(nil, "kind") {
        case "ssc"?:
            content = reader.sscCard().map(Content.ssc)
            reader.reportUnknownKeys(allowedTables: ["holder", "ssc", "fault"], kind: "ssc")
        case "idcard"?:
            let baseDirectory = URL(fileURLWithPath: source).deletingLastPathComponent().path
            content = reader.idCard(baseDirectory: baseDirectory).map(Content.idCard)
            reader.reportUnknownKeys(allowedTables: ["holder", "permit", "idcard", "fault"], kind: "idcard")
        case let other?:
            reader.report("kind", "\"\(other)\" is not \"ssc\" or \"idcard\"")
        case nil:
            break
        }
        let log = reader.log
        guard log.isEmpty, let content else {
            if log.isEmpty { log.reportFile("incomplete card") }
            throw VirtualCardFileError(source: source, log: log)
        }
        self.init(source: source, content: content, fault: fault)
    }
}
