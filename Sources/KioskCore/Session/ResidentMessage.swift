/// The one place error and notice codes become plain Chinese for the resident: what happened and
/// what to do next. Screens show the text with its code, so staff can tell what went wrong.
///
/// The switch is exhaustive on purpose: a new `KioskError.Code` does not compile until someone decides
/// what a resident reads when it reaches the screen.
public enum ResidentMessage {
    /// For codes a resident should never meet (set-up, technicians, the sandbox): if one does reach the
    /// screen, a way forward without detail.
    public static let generic = "系统暂时无法办理，请稍后再试或联系工作人员"

    public static func text(for code: KioskError.Code) -> String {
        switch code {
        case .idNumberInvalid:
            "身份证号码有误，请核对后重新输入"
        case .identityNotFound:
            "未查询到您的参保登记信息，请到社区（村）劳动保障服务站办理参保登记"
        case .identityMismatch:
            "姓名与证件信息不一致，请核对后重新输入，或到社保经办窗口核对"
        case .identityTooManyAttempts:
            "多次输入的姓名和身份证号码均未查到，已退出并清除信息。请核对证件后再试，或到服务窗口办理"
        case .identityTokenInvalid:
            "电子社保卡二维码已失效，请在手机上刷新后重新扫描"
        case .cardRemoved:
            "读卡时卡片被取出，请重新插卡并等待读卡完成"
        case .cardUnreadable:
            "无法读取卡片，请检查插卡方向后重新插卡，或改用输入身份证号码"
        case .cardExpired:
            "卡片已过期，请使用有效的身份证，或输入身份证号码、出示电子社保卡"
        case .cardIDNumberInvalid:
            "卡内身份证号码有误，请输入身份证号码或出示电子社保卡，并到发卡机构核对"
        case .cardNotSupported:
            "无法识别此卡，请插入社会保障卡或将身份证放在感应区"
        case .cardLocked:
            "社保卡已锁定，请到社保经办窗口解锁；本次可输入身份证号码或出示电子社保卡"
        case .cardNotResponding:
            "读卡无响应，请取出卡片后重新插卡，或输入身份证号码"
        case .cardReaderSAMFailed:
            "身份证读卡器暂不可用，请插入社保卡、输入身份证号码或出示电子社保卡"
        case .cardReaderMissing:
            "读卡器暂不可用，请输入身份证号码或出示电子社保卡"
        case .enrollmentNotFound:
            "暂未查询到您本年度的参保缴费标准，请到社区（村）劳动保障服务站咨询"
        case .enrollmentNotEligible:
            "您不能在本机缴费（例如由学校统一办理或需先办理参保登记），请到社区（村）劳动保障服务站咨询"
        case .enrollmentWindowNotOpen:
            "本年度缴费期尚未开始，请在缴费期内再来缴费"
        case .enrollmentWindowClosed:
            "本年度缴费期已结束，本机不能再缴费"
        case .enrollmentWindowClosedPayElsewhere:
            "本机缴费已截止，请到户籍所在地村（居）委会或医保经办机构缴费"
        case .enrollmentAlreadyPaid:
            "您本年度的居民医保费已缴纳，无需重复缴费"
        case .enrollmentNothingToPay:
            "您本年度个人无需缴费"
        case .sessionAmountInvalid:
            "缴费金额异常，本次未扣款，请联系工作人员"
        case .sessionAmountAboveMaximum:
            "缴费金额超过本机限额，本次未扣款，请到服务窗口缴费"
        case .sessionAmountChanged:
            "缴费金额已变化，本次未扣款，请重新查询后再缴费"
        case .sessionEnrollmentInconsistent:
            "参保信息异常，本次未扣款，请联系工作人员"
        case .sessionPaymentStatusUnknown:
            "支付结果异常，已撤销本次支付，请联系工作人员"
        case .sessionPaymentMismatch:
            "支付结果异常，请保留付款记录，本机将自动核对，如有疑问请联系工作人员"
        case .sessionChargedOtherThanConfirmed:
            "本次扣款与您确认的缴费信息不一致，已记录并通知工作人员核对。请保留付款记录，向工作人员说明"
        case .sessionNoAnswer:
            "系统长时间未响应，已结束本次操作，未扣款，请稍后再试"
        case .sessionTimedOut:
            "长时间未操作，已退出并清除您的信息"
        case .paymentAmountMismatch:
            "缴费金额已更新，本次未扣款，请重新查询后再缴费"
        case .payCodeInvalid:
            "无法识别的付款码，请出示微信、支付宝或云闪付付款码"
        case .payCodeAlreadyUsed:
            "此付款码已使用过，请在手机上刷新付款码后重新扫描"
        case .paymentDeclined:
            "支付未成功，未扣款，请更换付款方式后重试"
        case .paymentInProgress:
            "上一笔缴费尚在处理中，请稍后再试"
        case .enrollmentPaymentInProgress:
            "您本年度有一笔缴费尚在核对中，为避免重复扣款，现在不能再次缴费。请稍后查询缴费记录，如有疑问请联系工作人员"
        case .paymentIdempotencyKeyVoided:
            "本次缴费已取消，未扣款，请重新操作"
        case .paymentPayerNotRelated:
            "只能为登记的家庭成员代缴，请到服务窗口办理"
        case .paymentNotConfirmed:
            "未在手机上确认支付，已撤销本次支付，如已扣款将原路退回"
        case .paymentQRExpired:
            "二维码已过期，未扣款，请重新缴费"
        case .paymentQRRefused:
            "本机暂时无法显示收款二维码，未扣款，请改用其他支付方式或到服务窗口办理"
        case .paymentCancelled:
            "已取消缴费，如已扣款将原路退回"
        case .paymentReversed:
            "本次支付已撤销，如已扣款将原路退回"
        case .bankCardInsufficientFunds:
            "卡内余额不足，未扣款。请取回银行卡，换一张卡或改用扫码缴费"
        case .bankCardWrongPIN:
            "密码错误，未扣款。请取回银行卡后重新缴费，输入正确的密码"
        case .bankCardExpired:
            "银行卡已过期，未扣款。请换一张卡或改用扫码缴费"
        case .bankCardBlocked:
            "银行卡无法使用（已冻结或挂失），未扣款。请换一张卡或改用扫码缴费"
        case .bankCardTimedOut:
            "等待插卡或输入密码超时，未扣款。如需缴费请重新选择刷卡"
        case .bankCardNotAccepted:
            "无法读取或不支持此卡，未扣款。请换一张银行卡或社保卡，或改用扫码缴费"
        case .terminalBusy, .terminalUnreachable, .terminalRefused, .terminalTLS, .terminalCredentials:
            "刷卡暂不可用，未扣款。请改用扫码缴费，或到服务窗口办理"
        case .terminalNoAnswer, .terminalMalformed:
            "刷卡结果暂未确认，请稍候，本机正在向刷卡器核对，请勿重复缴费"
        case .paymentUnresolved:
            "支付结果暂未确认，请保留付款记录，本机将自动核对，如有疑问请联系工作人员"
        case .idempotencyConflict:
            "缴费请求异常，本次未扣款，请重新操作"
        case .receiptNotReady:
            "票据暂未生成，请稍后在本机补打"
        case .printerPaperOut:
            "打印机缺纸，暂时无法打印票据"
        case .printerJammed:
            "打印机卡纸，暂时无法打印票据"
        case .printerOffline, .printerUnreachable:
            "打印机暂不可用，暂时无法打印票据"
        case .printFailed:
            "票据打印失败，缴费已成功，票据稍后可在本机补打"
        case .journalUnavailable:
            "本机暂时无法缴费，未扣款，请联系工作人员"
        case .journalDuplicateIntent:
            "本机暂时无法缴费，未扣款，请重新操作"
        case .journalUnsettled:
            "本机正在核对此前的缴费记录，请稍候再来"
        case .journalFull:
            "本机暂时无法缴费，未扣款，请到其他缴费机或服务窗口办理"
        case .serviceUnavailable:
            "本机暂停服务，请稍后再来或到服务窗口办理"
        case .requestInvalid:
            "输入的信息有误，请核对后重新输入"
        case .backendUnreachable:
            "网络连接中断，请稍后再试"
        case .backendTimeout:
            "系统响应超时，请稍后再试"
        case .backendServerError:
            "系统繁忙，请稍后再试"
        case .configUnreadable, .configInvalid, .adminSocketUnavailable, .adminGroupUnknown, .pcscUnavailable,
             .usbUnavailable, .devicesDatabaseInvalid, .policyInvalid, .demoRefused, .bundleMalformed,
             .bundleUnknownKey, .bundleBadSignature, .bundleExpired, .bundleWrongTarget, .bundleOldVersion,
             .bundleInvalidConfiguration, .bundleNeedsRestart, .bundleChangesTrustAnchor, .bundleLifetimeTooLong,
             .configWriteFailed, .configNoPrevious, .paymentNotFound, .paymentNotReversible, .kioskUnknown,
             .configurationNotPublished, .backendInternal, .backendUnlistedCode, .sessionResidentBeingServed,
             .journalUnknownIntent, .journalIllegalTransition, .scannerUnusable, .scannerLost, .printerRenderFailed,
             .adminBodyInvalid, .maintenanceReasonInvalid, .selftestTimeout, .selftestInterrupted,
             .selftestResidentServed, .selftestScreenSilent, .selftestSecondsInvalid, .selftestTimeoutInvalid,
             .backendTLS, .backendRejected, .backendMalformed, .backendOversized, .backendCredentials,
             .residentsInvalid, .fleetInvalid, .sandboxStoreFailed:
            generic
        }
    }

    /// The text, the backend's own explanation when it gave one (e.g. the window's dates), and the code.
    public static func text(for problem: SessionProblem) -> String {
        let base = problem.backendMessage.map { "\($0)" } ?? text(for: problem.code)
        return "\(base)（代码 \(problem.code.rawValue)）"
    }
}
