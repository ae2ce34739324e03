import KioskSimulators

/// What `card check` prints: the card's properties, and its holder masked ("张*三", "3206**********123X").
struct CardSummary {
    let lines: [String]

    init(_ card: VirtualCardFile) {
        var lines: [String]
        switch card.content {
        case .ssc(let ssc):
            let addressing = ssc.addressing.count == 2 ? "tag and record" : ssc.addressing.map(\.rawValue).joined()
            lines = [
                "\(card.source): valid ssc card, generation \(ssc.generation) (spec version \(ssc.specVersion))",
                "  holder: \(Masking.name(ssc.name)), ID \(Masking.idNumber(ssc.idNumber)) \(Self.checkNote(ssc.idNumber))",
                "  region \(ssc.regionCode), card type \(ssc.cardType), READ RECORD by \(addressing), response style \(ssc.responseStyle.rawValue)"
                    + (ssc.generation >= 2 ? ", name extension 4E \(ssc.hasNameExtension ? "present" : "absent")" : ""),
            ]
        case .idCard(let id):
            lines = [
                "\(card.source): valid idcard card" + (id.permit == nil ? "" : " (residence permit)"),
                "  holder: \(Masking.name(id.name)), ID \(Masking.idNumber(id.idNumber)) \(Self.checkNote(id.idNumber))",
                "  tunnel header \(Self.hex(id.tunnelHeader)), valid to \(id.validTo == .longTerm ? "long-term" : "a date")",
            ]
        }
        lines.append("  ATR \(Self.hex(card.atr))")
        lines.append("  fault: \(card.fault.map(\.description) ?? "none")")
        self.lines = lines
    }

    private static func checkNote(_ idNumber: String) -> String {
        IDNumberCheck.isValid(idNumber) ? "(check character correct)" : "(WRONG check character)"
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { $0 < 0x10 ? "0" + String($0, radix: 16, uppercase: true) : String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}

enum Masking {
    /// "张*三"; two characters "张*"; one "*".
    static func name(_ name: String) -> String {
        let characters = Array(name)
        guard let first = characters.first, characters.count >= 2 else { return "*" }
        guard characters.count >= 3, let last = characters.last else { return "\(first)*" }
        return "\(first)" + String(repeating: "*", count: characters.count - 2) + "\(last)"
    }

    /// First four and last four characters: "3206**********123X".
    static func idNumber(_ idNumber: String) -> String {
        guard idNumber.count > 8 else { return String(repeating: "*", count: idNumber.count) }
        return idNumber.prefix(4) + String(repeating: "*", count: idNumber.count - 8) + idNumber.suffix(4)
    }
}
