import KioskCore
import Testing
import KioskTesting

@Suite("Chinese amount capitals (人民币大写)")
struct ChineseAmountCapitalsTests {
    @Test("the brief's and the accounting textbooks' examples", arguments: [
        (Int64(43_000), "肆佰叁拾元整"), (120_050, "壹仟贰佰元零伍角"), (5, "伍分"), (100_001, "壹仟元零壹分"), (0, "零元整"),
        (1_000_000_00, "壹佰万元整"), (10_000_000, "壹拾万元整"), (100_100_00, "壹拾万零壹佰元整"),
        (140_950, "壹仟肆佰零玖元伍角"), (600_714, "陆仟零柒元壹角肆分"), (168_032, "壹仟陆佰捌拾元零叁角贰分"),
        (10_700_053, "壹拾万柒仟元零伍角叁分"), (32_504, "叁佰贰拾伍元零肆分"), (101_010, "壹仟零壹拾元零壹角"),
    ])
    func examples(fen: Int64, capitals: String) {
        #expect(ChineseAmountCapitals.text(Money(fen: fen)) == capitals)
    }

    @Test("below one yuan there is no 元 and no leading 零", arguments: [
        (Int64(50), "伍角"), (55, "伍角伍分"), (1, "壹分"), (10, "壹角"), (99, "玖角玖分"),
    ])
    func belowOneYuan(fen: Int64, capitals: String) {
        #expect(ChineseAmountCapitals.text(Money(fen: fen)) == capitals)
    }

    @Test("整 exactly when there are no 角 and 分; 拾 always with its digit", arguments: [
        (Int64(1_000), "壹拾元整"), (1_100, "壹拾壹元整"), (1_010, "壹拾元零壹角"), (1_001, "壹拾元零壹分"), (100, "壹元整"),
        (11_000, "壹佰壹拾元整"), (10_100, "壹佰零壹元整"),
    ])
    func wholeAndTens(fen: Int64, capitals: String) {
        #expect(ChineseAmountCapitals.text(Money(fen: fen)) == capitals)
    }

    @Test("万 and 亿 sections: one 零 for any run of skipped positions, none at a section's end", arguments: [
        (Int64(1_000_010_00), "壹佰万零壹拾元整"), (1_001_000_00, "壹佰万壹仟元整"), (1_000_100_00, "壹佰万零壹佰元整"),
        (10_001_000_00, "壹仟万壹仟元整"), (10_000_100_00, "壹仟万零壹佰元整"), (10_000_001_00, "壹仟万零壹元整"), (12_345_678_90, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角"),
        (100_000_000_00, "壹亿元整"), (100_000_001_00, "壹亿零壹元整"), (110_000_000_00, "壹亿壹仟万元整"),
        (100_010_000_00, "壹亿零壹万元整"), (9_999_999_999, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        (1_000_000_000_000_00, "壹万亿元整"), (1_000_100_000_000_00, "壹万零壹亿元整"),
    ])
    func sections(fen: Int64, capitals: String) {
        #expect(ChineseAmountCapitals.text(Money(fen: fen)) == capitals)
    }

    @Test("a negative amount reads 负 first; Int64's extremes do not trap")
    func negativeAndExtremes() {
        #expect(ChineseAmountCapitals.text(Money(fen: -43_000)) == "负肆佰叁拾元整")
        #expect(ChineseAmountCapitals.text(Money(fen: .min)).hasPrefix("负"))
        #expect(ChineseAmountCapitals.text(Money(fen: .max)).hasSuffix("柒分"))
    }

    @Test("every digit of random amounts 0…9 999 999 999 fen round-trips through a parser")
    func roundTrip() throws {
        var random = SplitMix64(seed: 0x4B10_5C0D)
        var amounts: [Int64] = [0, 1, 9, 10, 99, 100, 9_999_999_999, 1_000_000_000, 100_000_001]
        for _ in 0..<20_000 { amounts.append(Int64(random.next() % 10_000_000_000)) }
        // Zeros are what the rules are about: half the digits zero, at every position.
        for _ in 0..<20_000 {
            var fen: Int64 = 0
            for _ in 0..<10 { fen = fen * 10 + (random.next() % 2 == 0 ? 0 : Int64(random.next() % 10)) }
            amounts.append(fen)
        }
        for fen in amounts {
            let text = ChineseAmountCapitals.text(Money(fen: fen))
            #expect(CapitalsParser.fen(text) == fen, "\(fen) → \(text)")
            if fen > 0 {
                #expect(!text.contains("零零") && !text.contains("零元") && !text.contains("零万"), "\(fen) → \(text)")
            }
            #expect(text.hasSuffix("整") == (fen % 100 == 0), "\(fen) → \(text)")
            #expect(text.hasPrefix("零") == (fen == 0), "\(fen) → \(text)")
        }
    }
}

/// Reads a capitals amount back to fen, strictly: every unit needs its digit, 角 and 分 their order.
enum CapitalsParser {
    static let digits: [Character: Int64] = ["零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9]
    static let positions: [Character: Int64] = ["拾": 10, "佰": 100, "仟": 1000]

    static func fen(_ text: String) -> Int64? {
        guard !text.hasPrefix("负") else { return fen(String(text.dropFirst())).map { -$0 } }
        let parts = text.split(separator: "元", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return fraction(Substring(text))
        case 2:
            guard let yuan = integer(parts[0]), let cents = parts[1] == "整" ? 0 : fraction(parts[1]) else { return nil }
            return yuan * 100 + cents
        default: return nil
        }
    }

    private static func integer(_ text: Substring) -> Int64? {
        var total: Int64 = 0, section: Int64 = 0
        var digit: Int64?
        for character in text {
            if let value = digits[character] {
                digit = value
            } else if let position = positions[character] {
                guard let value = digit, value > 0 else { return nil }
                section += value * position
                digit = nil
            } else if character == "万" {
                total += (section + (digit ?? 0)) * 10_000
                (section, digit) = (0, nil)
            } else if character == "亿" {
                total = (total + section + (digit ?? 0)) * 100_000_000
                (section, digit) = (0, nil)
            } else {
                return nil
            }
        }
        return total + section + (digit ?? 0)
    }

    /// "伍角", "伍分", "伍角伍分", "零伍角", "零伍分"; never empty.
    private static func fraction(_ text: Substring) -> Int64? {
        var rest = text
        if rest.first == "零" { rest = rest.dropFirst() }
        var cents: Int64 = 0
        for (unit, weight) in [("角", Int64(10)), ("分", 1)] {
            guard let first = rest.first, let value = digits[first], value > 0, rest.dropFirst().first == Character(unit) else { continue }
            cents += value * weight
            rest = rest.dropFirst(2)
        }
        return rest.isEmpty && cents > 0 ? cents : nil
    }
}
