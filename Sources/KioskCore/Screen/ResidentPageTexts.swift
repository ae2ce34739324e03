/// Every word the resident's page shows that is not the session's data: titles, buttons, captions,
/// hints of the ID keypad and the pinyin keyboard. Each screen carries the texts of its kind
/// (`ResidentScreen.texts`) and the page only places them, so the page's scripts hold no wording.
/// Notices and errors come from `ResidentMessage`; busy sentences and spoken prompts from
/// `ResidentScreenTexts`.
///
/// A text may hold `{n}`, which the page fills with a number (digits left to type, a length limit).
public enum ResidentPageTexts {
    /// The texts of one screen: those every screen carries, then its own (which win on a clash).
    public static func texts(for kind: SessionState.Kind) -> [String: String] {
        byKind[kind] ?? common
    }

    /// Merged once: a screen is sent on every state change.
    private static let byKind: [SessionState.Kind: [String: String]] = Dictionary(
        uniqueKeysWithValues: SessionState.Kind.allCases.map { kind in (kind, common.merging(own(kind)) { _, own in own }) }
    )

    /// What every screen carries: the page's frame, shared buttons and labels, the labels of actions
    /// the page offers on its own, and what it shows by itself when the connection is lost.
    static let common: [String: String] = [
        "title": "城乡居民医保缴费",
        "voice": "语音播报",
        "voice.on": "开",
        "voice.off": "关",
        "more": "下面还有内容 ↓",
        "demo": "演示",
        "working": "处理中",
        "waiting": "正在处理，请稍候",
        "connecting": "正在连接，请稍候",
        "outOfService.title": "暂停服务",
        "outOfService.local": "本机暂停服务，请稍后再来或到服务窗口办理",
        "exit": "退出",
        "back": "返回",
        "cancelPayment": "取消支付",
        "person.name": "参保人",
        "person.idNumber": "身份证号",
        "person.line": "参保人：",
        "payer.line": "代缴人：",
        "facts.category": "参保类别",
        "facts.year": "缴费年度",
        "year.suffix": "年度",
        "window.range": " 至 ",
        "due": "需支付",
        "due.amount": "应缴金额",
        "moneyMoving": "支付处理中，请不要离开",
        "seconds": "秒",
        "history.part1": "缴费记录/",
        "history.part2": "补打票据",
        "payForOther": "为家人代缴",
        "completion.done": "办理完成",
        "completion.reprinted": "打印完成",
        "completion.registered": "登记成功",
        "completion.paid": "缴费成功",
        "action.chooseManualEntry": "输入身份证号码",
        "action.confirmPayment": "确认缴费",
        "action.confirmRegistration": "确认登记",
        "action.payForOther": "为家人代缴",
        "action.history": "缴费记录/补打票据",
        "action.continueWithoutReceipt": "继续缴费（稍后补打票据）",
        "action.retry": "重新支付",
        "action.back": "返回",
        "action.cancel": "退出",
        "action.continue": "继续办理",
        "action.done": "完成",
    ]

    /// Typing a name and an ID number: the fields, the 18-digit keypad's GB 11643 hints and the pinyin keyboard.
    static let identityEntry: [String: String] = [
        "title": "输入身份信息",
        "title.forOther": "输入家人身份信息",
        "field.name": "姓名",
        "field.idNumber": "身份证号",
        "toIdNumber": "姓名输好后，点此输入身份证号码",
        "submit": "开始查询",
        "name.needed": "还要输入姓名（至少2个字），请点“姓名”框",
        "keyboard.unavailable": "拼音键盘暂不可用，请使用读卡方式",
        "nextStep": "请核对姓名和身份证号码，改正后再按“开始查询”",
        "keypad.backspace": "退格",
        "keypad.clear": "清空",
        "keypad.full": "已输满18位，如需修改请按“退格”",
        "keypad.xOnlyLast": "X 只能是最后一位（第18位）",
        "keypad.empty": "请输入18位身份证号码",
        "keypad.xMisplaced": "号码有误，X 只能是最后一位",
        "keypad.remaining": "还需输入 {n} 位",
        "keypad.checkDigit": "校验位不正确，请核对最后一位",
        "keypad.valid": "号码格式正确",
        "keypad.birthYear": "出生年份不正确，请核对第7至10位",
        "keypad.birthMonth": "出生月份不正确，请核对第11、12位",
        "keypad.birthDay": "出生日期不正确，请核对第13、14位",
        "pinyin.keyboard": "拼音键盘",
        "pinyin.previous": "上一页",
        "pinyin.next": "下一页",
        "pinyin.delete": "删除",
        "pinyin.middot": "间隔点",
        "pinyin.middotNote": "少数民族姓名中间的点",
        "pinyin.clear": "清空",
        "pinyin.uWithDiaeresis": "ü 请按 v",
        "pinyin.full": "已满 {n} 个字",
        "pinyin.start": "请按拼音字母，再点选汉字",
        "pinyin.nameFull": "姓名已满 {n} 个字，不能再加",
        "pinyin.unknown": "没有这个拼音，请按“删除”修改",
    ]

    static func own(_ kind: SessionState.Kind) -> [String: String] {
        switch kind {
        case .attract:
            [
                "hero": "欢迎自助缴费",
                "sub": "请选择以下任意一种方式开始",
                "ssc.title": "插入社保卡",
                "ssc.how": "芯片朝上插入下方读卡口",
                "ssc.tag": "无需按键，插卡即可",
                "idCard.title": "放身份证",
                "idCard.how": "将身份证平放在下方感应区",
                "idCard.tag": "无需按键，放上即可",
                "essc.title": "扫电子社保卡",
                "essc.how": "打开电子社保卡二维码，对准下方扫码口",
                "payWays": "支持微信、支付宝、云闪付付款",
                "noCard": "没有带卡？请点下方按钮",
                "manualEntry": "输入身份证号码",
            ]
        case .typingIdentity:
            identityEntry
        case .choosingBeneficiary:
            identityEntry.merging([
                "title": "为家人代缴",
                "choose": "请选择为哪位家人缴费",
                "none": "暂无可代缴的家人",
                "select": "选择 ›",
                "typeOther": "家人不在列表中？输入TA的姓名和身份证号码",
                "typeOther.first": "输入家人的姓名和身份证号码",
                "nextStep": "如有疑问，请到服务窗口咨询",
            ]) { _, own in own }
        case .showingEnrollment:
            [
                "title": "核对缴费信息",
                "tiers.choose": "请选择缴费档次",
                "tiers.title": "缴费档次",
                "tiers.chosen": "（已选）",
                "breakdown.title": "费用明细",
                "breakdown.notYours": "由财政等承担，不需您缴纳",
                "breakdown.relief": "资助减免",
                "breakdown.surcharge": "另需缴纳",
                "breakdown.total": "个人应缴",
                "free.caption": "所选档次个人缴费",
                "free.title": "个人无需缴费",
                "free.sub": "资助已全额承担，确认后本机打印参保登记凭证；选择其他档次需缴纳差额",
                "due.caption": "本次应缴金额",
                "confirmRegistration": "确认参保并打印凭证",
                "confirmPayment": "确认缴费",
            ]
        case .confirmingRegistration:
            [
                "title": "参保登记",
                "caption": "本年度个人缴费",
                "free": "个人无需缴费",
                "sub": "请确认登记，本机将打印参保登记凭证",
                "confirm": "确认登记并打印凭证",
            ]
        case .alreadyPaid:
            [
                "title": "已缴费",
                "paid": "您本年度已缴费",
                "sub": "无需重复缴费。如需票据，可查看记录并补打",
                "history": "查看记录并补打票据",
            ]
        case .unavailable:
            [
                "title": "暂不能在本机缴费",
                "headline": "暂不能在本机缴费",
                "toHome": "返回首页",
                "nextStep": "如有疑问，请到服务窗口咨询",
            ]
        case .showingHistory:
            [
                "title": "缴费记录",
                "none": "暂无缴费记录",
                "reprint": "补打",
                "forOther": "代缴",
            ]
        case .choosingMethod:
            [
                "title": "选择支付方式",
                "lead": "请选择支付方式",
                "paycode.title": "出示付款码",
                "paycode.sub": "（微信/支付宝/云闪付）",
                "qr.title": "手机扫码支付",
                "qr.sub": "用手机扫描屏幕上的二维码",
                "card.title": "刷卡支付",
                "card.sub": "银行卡或社保卡（需输入密码）",
                "card.unavailable": "刷卡暂不可用，请选择其他支付方式",
            ]
        case .atTerminal:
            [
                "title": "刷卡支付",
                "lead": "请按以下步骤在刷卡器上操作",
                "pinpad": "刷卡器在屏幕右下方",
                "step.1": "把银行卡或社保卡插入刷卡器，或贴近感应区",
                "step.2": "在刷卡器键盘上输入密码，按绿色“确认”键",
                "step.3": "请稍候，不要取出卡片",
                "step.4": "听到提示后取回卡片",
                "privacy": "输入密码时请用手遮挡键盘；本机不会读取您的密码",
            ]
        case .printerUnavailable:
            [
                "title": "打印机提示",
                "headline": "暂时无法打印票据",
                "continue": "继续缴费（稍后补打票据）",
                "nextStep": "您可以继续缴费，票据稍后可在本机补打；也可以按“退出”结束",
            ]
        case .awaitingPayCode:
            [
                "title": "付款码支付",
                "lead": "请打开微信、支付宝或云闪付付款码，对准下方扫码口",
                "scanner": "扫码口在屏幕正下方",
                "countdown.before": "请在",
                "countdown.after": "秒内完成支付",
                "nextStep": "请刷新手机上的付款码，再对准下方扫码口",
            ]
        case .showingQR:
            [
                "title": "扫码支付",
                "lead": "请用手机扫描下方二维码完成支付",
                "qr.missing": "二维码暂时无法显示，请按“取消支付”后选择其他方式",
                "qr.label": "支付二维码",
                "channels": "微信、支付宝、云闪付扫码均可",
                "countdown.before": "二维码将在",
                "countdown.after": "秒后失效",
            ]
        case .paymentFailed:
            [
                "title": "支付未成功",
                "headline": "支付未成功",
                "retry": "重新支付",
                "nextStep": "本次未能完成支付。您可以按“重新支付”再试一次，或按“退出”结束",
            ]
        case .takingReceipt:
            [
                "take": "请取走票据",
                "slip": "（参保登记凭证）",
                "slot": "出票口在屏幕下方",
                "countdown.before": "",
                "countdown.after": "秒后自动返回首页",
                "done": "完成",
            ]
        case .finished:
            [
                "title": "办理完成",
                "thanks": "感谢您的使用",
                "owed.registered": "登记成功，凭证稍后可在本机补打",
                "owed.paid": "缴费成功，票据稍后可在本机补打",
                "owed.detail": "可随时在本机“缴费记录/补打票据”中打印",
                "notPrinted.registered": "本次未打印凭证，可稍后在本机补打",
                "notPrinted.paid": "本次未打印票据，可稍后在本机补打",
                "printed.reprinted": "请妥善保管票据",
                "printed.registered": "登记凭证已打印，请妥善保管",
                "printed.paid": "票据已打印，请妥善保管",
                "amount": "本次缴费",
                "done": "完成",
            ]
        case .stillThere:
            [
                "title": "操作提示",
                "question": "还需要继续吗？",
                "sub": "如不操作，本机将自动退出，以保护您的信息",
                "continue": "继续办理",
            ]
        case .failed:
            [
                "title": "未能办理",
                "headline": "未能完成办理",
                "toHome": "返回首页",
                "nextStep": "如需帮助，请到服务窗口咨询工作人员",
            ]
        case .outOfService, .stopped:
            [
                "title": "暂停服务",
                "headline": "本机暂停服务",
                "sub": "请稍后再来或到服务窗口办理",
            ]
        case .maintenance:
            [
                "title": "设备维护",
                "headline": "设备维护中，请稍后再来",
            ]
        case .readingCard: ["title": "正在读卡"]
        case .lookingUpPerson: ["title": "查询身份信息"]
        case .lookingUpEnrollment: ["title": "查询参保信息"]
        case .loadingHistory: ["title": "缴费记录"]
        case .checkingPrinter, .journalingIntent: ["title": "准备支付"]
        case .submitting, .resolvingSubmission: ["title": "正在支付"]
        case .reversing, .reversingAtTerminal: ["title": "撤销支付"]
        case .resolvingTerminal: ["title": "刷卡支付"]
        case .fetchingReceipt, .printing: ["title": "打印票据"]
        case .awaitingPayer: ["title": "请在手机上确认"]
        }
    }
}
