import Foundation

/// The kiosk's own wording on the resident screens: what a busy screen is doing, the sentence
/// spoken aloud, and labels. Error and notice texts come from `ResidentMessage`.
public enum ResidentScreenTexts {
    public static func busy(for state: SessionState) -> String? {
        switch state {
        case .readingCard: "正在读卡，请不要取出卡片"
        case .lookingUpPerson: "正在核对身份信息，请稍候"
        case .lookingUpEnrollment: "正在查询参保缴费信息，请稍候"
        case .loadingHistory: "正在查询缴费记录，请稍候"
        case .checkingPrinter: "正在检查打印机，请稍候"
        case .journalingIntent, .submitting: "正在支付，请稍候，不要离开"
        case .resolvingSubmission: "正在确认支付结果，请稍候，不要离开"
        case .awaitingPayer: "请在手机上确认支付"
        case .reversing: "正在撤销本次支付，请稍候"
        case .atTerminal(_, cancelling: true): "正在取消，请按刷卡器提示取回卡片"
        case .resolvingTerminal: "正在向刷卡器确认支付结果，请稍候，不要离开"
        case .reversingAtTerminal: "正在撤销本次刷卡，款项将原路退回，请稍候"
        case .fetchingReceipt: "正在获取电子票据，请稍候"
        case .printing(let job): if case .registration = job.purpose { "正在打印参保登记凭证，请稍候" } else { "正在打印票据，请稍候" }
        default: nil
        }
    }

    /// One sentence, read aloud when the resident turns spoken prompts on.
    public static func prompt(for state: SessionState) -> String {
        if let busy = busy(for: state) { return busy }
        return switch state {
        case .attract: "请插入社保卡，或将身份证放在感应区，或扫描电子社保卡。也可以点击输入身份证号码"
        case .typingIdentity: "请输入姓名和身份证号码"
        case .showingEnrollment: "请核对参保信息和缴费金额，确认后点击确认缴费"
        case .confirmingRegistration: "您本年度个人无需缴费，请确认登记"
        case .alreadyPaid: "您本年度已缴费，可以查看记录并补打票据"
        case .unavailable: "本机暂时不能为您缴费，请看屏幕上的说明"
        case .choosingBeneficiary: "请选择要代缴的家人"
        case .showingHistory: "这是您的缴费记录，可以补打票据"
        case .choosingMethod: "请选择支付方式"
        case .printerUnavailable: "打印机暂时不能打印票据，可以继续缴费，稍后补打"
        case .awaitingPayCode: "请打开微信、支付宝或云闪付付款码，对准下方扫码口"
        case .showingQR: "请用手机扫描屏幕上的二维码支付"
        case .atTerminal: "请将银行卡或社保卡插入或贴近右下方的刷卡器，然后在刷卡器键盘上输入密码，按确认键"
        case .paymentFailed: "支付未成功，请看屏幕上的说明"
        case .takingReceipt: "请取走票据"
        case .finished: "办理完成，谢谢"
        case .stillThere: "还需要继续办理吗？"
        case .failed: "未能办理，请看屏幕上的说明"
        case .outOfService, .stopped: "本机暂停服务，请稍后再来或到服务窗口办理"
        case .maintenance: "设备维护中，请稍后再来"
        default: ""
        }
    }

    static func label(_ phase: EnrollmentWindow.Phase) -> String {
        switch phase {
        case .centralized: "集中缴费期"
        case .midYear: "年中参保缴费"
        case .newborn: "新生儿参保缴费"
        case .late: "补缴期"
        }
    }

    static func code(_ status: PaymentSnapshot.Status) -> String {
        switch status {
        case .pending: "pending"
        case .userPaying: "userPaying"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .unknown: "unknown"
        case .reversed: "reversed"
        case .expired: "expired"
        case .unrecognized: "unrecognized"
        }
    }

    static func label(_ status: PaymentSnapshot.Status) -> String {
        switch status {
        case .succeeded: "已缴费"
        case .pending, .userPaying, .unknown: "处理中"
        case .failed: "未成功"
        case .reversed: "已撤销"
        case .expired: "已过期"
        case .unrecognized: "状态未知"
        }
    }

    static func chinese(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    /// The day in China's time zone, whatever the kiosk's clock zone.
    static func chinese(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return "\(parts.year ?? 0)年\(parts.month ?? 0)月\(parts.day ?? 0)日"
    }
}
