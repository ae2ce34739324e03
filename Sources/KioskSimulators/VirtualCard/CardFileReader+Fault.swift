import KioskCore
extension CardFileReader {
    /// The optional `[fault]` table: `kind`, `from_command`, and `status_word` for kind "status_word".
    func fault() -> VirtualCardFault? {
        guard hasTable("fault") else { return nil }
        let kind = string("fault", "kind")
        if let kind, !VirtualCardFault.kindNames.contains(kind) {
            report("fault.kind", "\"\(kind)\" is not \(VirtualCardFault.kindNames.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        var first = int("fault", "from_command")
        if let number = first, number < 1 {
            report("fault.from_command", "\(number) is not a command number (1 is the first command APDU)")
            first = nil
        }
        var word: UInt16?
        if kind == "status_word", let text = string("fault", "status_word") {
            if let bytes = HexBytes.parse(text), bytes.count == 2 {
                word = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
            } else {
                report("fault.status_word", "\"\(text)\" is not a status word of 2 hex bytes such as \"6F00\"")
            }
        }
        guard let kind, let first else { return nil }
        switch kind {
        case "pull": return .pullAfter(commands: first)
        case "silent": return .silentAfter(commands: first)
        case "garbage": return .garbage(afterCommands: first)
        case "truncated": return .truncated(afterCommands: first)
        case "status_word": return word.map { .statusWord($0, afterCommands: first) }
        default: return nil
        }
    }
}
