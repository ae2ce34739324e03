/// The capital-numeral form of an amount (人民币大写) used on Chinese financial documents, e.g.
/// ¥430.00 → 肆佰叁拾元整, ¥1200.50 → 壹仟贰佰元零伍角, ¥100100.00 → 壹拾万零壹佰元整.
///
/// Rules (会计基础工作规范): every run of skipped positions reads as one 零; 整 follows 元 when there
/// are no 角 and 分; 零 stands between 元 and 角 when the yuan end in 0, and between 元 and 分 when 角
/// is 0; amounts below one yuan start at their first non-zero of 角 and 分; 拾 is always written
/// with its digit (壹拾), as forgery-proof documents require.
public enum ChineseAmountCapitals {
    static let digits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    private static let positionUnits = ["", "拾", "佰", "仟"]

    public static func text(_ amount: Money) -> String {
        let magnitude = amount.fen.magnitude
        let sign = amount.fen < 0 ? "负" : ""
        let yuan = magnitude / 100
        let jiao = Int(magnitude / 10 % 10)
        let fen = Int(magnitude % 10)
        if magnitude == 0 { return "零元整" }

        var text = ""
        if yuan > 0 { text = integerText(yuan) + "元" }
        if jiao > 0 {
            if yuan > 0 && yuan % 10 == 0 { text += "零" }
            text += "\(digits[jiao])角"
        }
        if fen > 0 {
            if yuan > 0 && jiao == 0 { text += "零" }
            text += "\(digits[fen])分"
        }
        if jiao == 0 && fen == 0 { text += "整" }
        return sign + text
    }

    /// A positive integer: 亿 and 万 sections, each read as up to four positions.
    private static func integerText(_ number: UInt64) -> String {
        if number >= 1_0000_0000 {
            return integerText(number / 1_0000_0000) + "亿" + tail(number % 1_0000_0000, fullWidth: 1000_0000)
        }
        if number >= 1_0000 {
            return sectionText(Int(number / 1_0000)) + "万" + tail(number % 1_0000, fullWidth: 1000)
        }
        return sectionText(Int(number))
    }

    /// What follows a 亿 or 万: nothing when zero, led by 零 when its highest position is skipped.
    private static func tail(_ rest: UInt64, fullWidth: UInt64) -> String {
        if rest == 0 { return "" }
        return (rest < fullWidth ? "零" : "") + integerText(rest)
    }

    /// 1…9999 without leading zeros; inner skipped positions read as one 零, trailing ones not at all.
    private static func sectionText(_ number: Int) -> String {
        var text = ""
        var skipped = false
        for position in stride(from: 3, through: 0, by: -1) {
            let digit = number / Int(pow10(position)) % 10
            if digit == 0 {
                skipped = !text.isEmpty
                continue
            }
            if skipped { text += "零" }
            text += "\(digits[digit])\(positionUnits[position])"
            skipped = false
        }
        return text
    }

    private static func pow10(_ exponent: Int) -> UInt64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
