/// 民族 by its GB 3304 code, as both cards store it.
public enum NationCode {
    public static func name(_ code: Int) -> String? { names[code] }

    /// The code of a 民族 named as the cards decode it ("汉" → 1).
    public static func code(named name: String) -> Int? { names.first { $0.value == name }?.key }

    /// Index = code − 1 for 01–56.
    private static let listed = [
        "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
        "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
        "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
        "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
        "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
        "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
    ]

    private static let names: [Int: String] = {
        var names = Dictionary(uniqueKeysWithValues: listed.enumerated().map { ($0.offset + 1, $0.element) })
        names[97] = "其他"
        names[98] = "外国血统中国籍人士"
        return names
    }()
}
