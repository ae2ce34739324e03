import KioskCore
import Testing

@Suite("resident messages: every code the session shows has plain Chinese")
struct ResidentMessageTests {
    static let shownCodes: [KioskError.Code] = [
        .idNumberInvalid, .identityNotFound, .identityMismatch, .identityTokenInvalid, .cardRemoved, .cardUnreadable,
        .enrollmentNotFound, .enrollmentNotEligible, .enrollmentWindowNotOpen, .enrollmentWindowClosed,
        .enrollmentWindowClosedPayElsewhere, .enrollmentAlreadyPaid, .enrollmentNothingToPay, .sessionAmountInvalid,
        .sessionAmountAboveMaximum, .sessionAmountChanged, .sessionEnrollmentInconsistent, .sessionPaymentStatusUnknown,
        .sessionTimedOut, .paymentAmountMismatch, .payCodeInvalid, .paymentDeclined, .paymentInProgress, .paymentPayerNotRelated,
        .paymentNotConfirmed, .paymentQRExpired, .paymentCancelled, .paymentReversed, .paymentUnresolved, .printerPaperOut,
        .printerJammed, .printerOffline, .printFailed, .journalUnavailable, .serviceUnavailable,
        .enrollmentPaymentInProgress, .paymentIdempotencyKeyVoided, .sessionPaymentMismatch, .sessionNoAnswer,
        .sessionChargedOtherThanConfirmed, .journalUnsettled, .journalFull, .identityTooManyAttempts,
    ]

    @Test("each shown code has its own text", arguments: shownCodes)
    func hasText(code: KioskError.Code) {
        let text = ResidentMessage.text(for: code)
        #expect(text != ResidentMessage.generic)
        #expect(text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
    }

    @Test("every code of the catalogue has plain Chinese (the switch is exhaustive), and each shown one its own")
    func catalogue() {
        for code in KioskError.Code.allCases {
            #expect(ResidentMessage.text(for: code).unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(code)")
        }
        let shownTexts = Self.shownCodes.map(ResidentMessage.text(for:))
        #expect(!shownTexts.contains(ResidentMessage.generic))
    }

    @Test("a problem's text carries its code, and the backend's own words when given")
    func problemText() {
        #expect(ResidentMessage.text(for: SessionProblem(.paymentQRExpired)) == "二维码已过期，未扣款，请重新缴费（代码 payment.qr_expired）")
        #expect(ResidentMessage.text(for: Sample.windowClosed).hasPrefix("2021年度居民医保集中缴费期"))
    }
}
