/// GB/T 2260 administrative-division codes (e.g. 320600 for 南通市区).
public enum RegionCode {
    /// What is wrong with `value` as a region code, or nil when it is one.
    public static func problem(_ value: String) -> String? {
        value.count == 6 && value.allSatisfy(\.isASCIIDigit)
            ? nil : "\"\(value)\" is not a six-digit GB/T 2260 region code such as 320600"
    }
}
