import Foundation
import TOMLKit

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
        let root: TOMLTable
        do {
            root = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            let position = error.source.begin
            throw VirtualCardFileError(source: source, problems: [
                .init(key: "", message: "invalid TOML at line \(position.line), column \(position.column): \(error.description)"),
            ])
        } catch {
            throw VirtualCardFileError(source: source, problems: [.init(key: "", message: "invalid TOML: \(error)")])
        }
        let reader = CardFileReader(root: root)
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
        guard reader.problems.isEmpty, let content else {
            let problems = reader.problems.isEmpty ? [.init(key: "", message: "incomplete card")] : reader.problems
            throw VirtualCardFileError(source: source, problems: problems)
        }
        self.init(source: source, content: content, fault: fault)
    }
}
