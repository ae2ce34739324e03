import KioskCore

/// What the simulated provider does with a pay code, chosen by the code's last two digits so a
/// test or a demo steers each payment (as card test numbers do).
///
/// | suffix | outcome |
/// |---|---|
/// | 91 | user_paying (password on the phone), succeeded from the 2nd query |
/// | 92 | user_paying that never completes (the kiosk must reverse) |
/// | 93 | failed: insufficient funds |
/// | 94 | failed: code expired |
/// | 95 | unknown (no answer), succeeded on query |
/// | 96 | unknown, stays unknown on query (the kiosk must reverse) |
/// | 97 | unknown, failed on query |
/// | anything else | succeeded at once |
public enum PayCodeScenario: String, Sendable, CaseIterable {
    case succeed
    case userPayingThenSucceed = "91"
    case userPayingForever = "92"
    case insufficientFunds = "93"
    case codeExpired = "94"
    case unknownThenSucceed = "95"
    case unknownForever = "96"
    case unknownThenFail = "97"

    public init(payCode: PayCode) {
        self = Self(rawValue: String(payCode.value.suffix(2))) ?? .succeed
    }

    /// The status right after the provider was asked to charge.
    var initialOutcome: ProviderOutcome {
        switch self {
        case .succeed: .succeeded
        case .userPayingThenSucceed, .userPayingForever: .userPaying
        case .insufficientFunds: .failed(code: "insufficient_funds", message: "付款账户余额不足，请更换付款方式")
        case .codeExpired: .failed(code: "code_expired", message: "付款码已失效，请刷新付款码后重新扫描")
        case .unknownThenSucceed, .unknownForever, .unknownThenFail: .unknown
        }
    }

    /// The status a query reports, given how many queries came before (1 for the first).
    func outcomeOnQuery(_ query: Int) -> ProviderOutcome {
        switch self {
        case .userPayingThenSucceed: query >= 2 ? .succeeded : .userPaying
        case .userPayingForever: .userPaying
        case .unknownThenSucceed: .succeeded
        case .unknownForever: .unknown
        case .unknownThenFail: .failed(code: "declined", message: "支付未成功，请重新缴费")
        case .succeed, .insufficientFunds, .codeExpired: initialOutcome
        }
    }
}

enum ProviderOutcome: Equatable {
    case succeeded
    case userPaying
    case unknown
    case failed(code: String, message: String)
}
