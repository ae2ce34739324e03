import KioskCore
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
                "  holder: \(PersonalDataMasking.name(ssc.name)), ID \(PersonalDataMasking.idNumber(ssc.idNumber)) \(Self.checkNote(ssc.idNumber))",
                "  region \(ssc.regionCode), card type \(ssc.cardType), READ RECORD by \(addressing), response style \(ssc.responseStyle.rawValue)"
                    + (ssc.generation >= 2 ? ", name extension 4E \(ssc.hasNameExtension ? "present" : "absent")" : ""),
            ]
        case .idCard(let id):
            lines = [
                "\(card.source): valid idcard card" + (id.permit == nil ? "" : " (residence permit)"),
                "  holder: \(PersonalDataMasking.name(id.name)), ID \(PersonalDataMasking.idNumber(id.idNumber)) \(Self.checkNote(id.idNumber))",
                "  tunnel header \(HexBytes.format(id.tunnelHeader)), valid to \(id.validTo == .longTerm ? "long-term" : "a date")",
            ]
        }
        lines.append("  ATR \(HexBytes.format(card.atr))")
        lines.append("  fault: \(card.fault.map(\.description) ?? "none")")
        self.lines = lines
    }

    private static func checkNote(_ idNumber: String) -> String {
        (try? IDNumber(idNumber)) != nil ? "(check character correct)" : "(WRONG check character)"
    }
}
