/// 性别 as both cards store it (GB/T 2261.1): 1 male, 2 female; 0 (unknown) and 9 (not stated) read as nil.
enum GenderCode {
    static let expectation = "is not 1 (male), 2 (female), 0 or 9 (not recorded)"

    static func gender(_ code: String, else problem: @autoclosure () -> KioskError) throws(KioskError) -> CardHolder.Gender? {
        switch code {
        case "1": return .male
        case "2": return .female
        case "", "0", "9": return nil
        default: throw problem()
        }
    }
}
