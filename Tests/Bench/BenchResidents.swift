import Foundation

/// A residents file of many made-up adults in Nantong (320602), each with a valid GB 11643 check
/// character, so that every payment of a throughput run is for a different person.
enum BenchResidents {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    static func idNumber(_ index: Int) -> String {
        let birth = Calendar(identifier: .gregorian).date(byAdding: .day, value: index / 400, to: Date(timeIntervalSince1970: 0)) ?? Date()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let first17 = "320602" + formatter.string(from: birth) + String(format: "%03d", index % 400 + 100)
        let sum = zip(first17.compactMap(\.wholeNumberValue), weights).map(*).reduce(0, +)
        return first17 + String(checkCharacters[sum % 11])
    }

    static func name(_ index: Int) -> String { "测试居民" + String(index) }

    static func file(count: Int) -> String {
        (0..<count).map { index in
            """
            [[resident]]
            id_number = "\(idNumber(index))"
            name = "\(name(index))"
            hukou_region = "320600"

            """
        }.joined(separator: "\n")
    }
}
