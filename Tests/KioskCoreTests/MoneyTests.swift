import Foundation
import KioskCore
import Testing

@Suite("Money in integer fen")
struct MoneyTests {
    @Test("yuan text and description", arguments: [
        (Int64(43_000), "430.00", "¥430.00"), (37_505, "375.05", "¥375.05"), (5, "0.05", "¥0.05"), (0, "0.00", "¥0.00"),
        (-2_000, "-20.00", "¥-20.00"), (120_000, "1200.00", "¥1200.00"), (10, "0.10", "¥0.10"),
    ])
    func formatting(fen: Int64, yuanText: String, description: String) {
        #expect(Money(fen: fen).yuanText == yuanText)
        #expect(Money(fen: fen).description == description)
    }

    @Test("arithmetic, order and clamping")
    func arithmetic() {
        #expect(Money.yuan(430) == Money(fen: 43_000))
        #expect(Money.yuan(380) + Money.yuan(20) + Money.yuan(30) == Money.yuan(430))
        #expect(Money.yuan(655) - Money.yuan(280) == Money(fen: 37_500))
        #expect(Money.yuan(280) < Money.yuan(655))
        #expect((Money.yuan(280) - Money.yuan(300)).clamped(min: .zero) == .zero)
        #expect(Money.yuan(300).clamped(min: .zero) == Money.yuan(300))
        #expect(Money.zero.fen == 0)
    }

    @Test("Codable as a bare integer of fen")
    func codable() throws {
        let json = try JSONEncoder().encode([Money(fen: 43_000)])
        #expect(String(data: json, encoding: .utf8) == "[43000]")
        #expect(try JSONDecoder().decode([Money].self, from: Data("[37505]".utf8)) == [Money(fen: 37_505)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data("[\"430.00\"]".utf8)) }
    }
}
