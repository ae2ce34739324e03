import Foundation

extension ResidentScreen.Notice {
    static func error(_ problem: SessionProblem) -> Self {
        Self(code: problem.code.rawValue, text: ResidentMessage.text(for: problem), tone: .error)
    }

    static func error(_ code: KioskError.Code) -> Self { error(SessionProblem(code)) }

    static func info(_ code: KioskError.Code) -> Self {
        Self(code: code.rawValue, text: ResidentMessage.text(for: SessionProblem(code)), tone: .info)
    }
}

extension ResidentScreen.Person {
    /// The backend sends people masked already; a number that arrives unmasked is masked here too.
    init(_ person: KioskCore.Person) {
        name = person.maskedName
        idNumber = person.maskedIDNumber.map { $0.contains("*") ? $0 : IdentityClaim.mask(idNumber: $0) }
    }
}

extension ResidentScreen.Amount {
    init(_ money: Money) {
        fen = money.fen
        text = money.yuanText
        capitals = ChineseAmountCapitals.text(money)
    }
}

extension ResidentScreen.Enrollment {
    init(_ context: EnrollmentContext) {
        let enrollment = context.enrollment
        year = enrollment.year
        policyTitle = enrollment.policyTitle
        category = enrollment.categoryLabel
        status = switch enrollment.status {
        case .payable: "payable"
        case .paid: "paid"
        case .exempt: "exempt"
        case .paymentInProgress: "paymentInProgress"
        case .unrecognized: "unrecognized"
        }
        tiers = enrollment.tiers.enumerated().map { ResidentScreen.Tier($0.element, index: $0.offset) }
        selectedTier = enrollment.tiers.firstIndex { $0.id == context.tierID }
        relief = enrollment.relief.map { ResidentScreen.Relief(kind: $0.kind.rawValue, label: $0.label, description: $0.description) }
        window = ResidentScreen.Window(enrollment.window)
        notes = enrollment.notes
    }
}

extension ResidentScreen.Tier {
    init(_ tier: KioskCore.Tier, index: Int) {
        self.index = index
        label = tier.label
        due = tier.due.yuanText
        dueFen = tier.due.fen
        amount = tier.amount.yuanText
        relief = tier.relief.yuanText
        surcharge = tier.surcharge.yuanText
        components = tier.components.map { Component(label: $0.label, amount: $0.amount.yuanText, included: $0.included) }
    }
}

extension ResidentScreen.Window {
    init(_ window: EnrollmentWindow) {
        phase = window.phase.rawValue
        label = ResidentScreenTexts.label(window.phase)
        opens = window.opens.map(ResidentScreenTexts.chinese)
        closes = window.closes.map(ResidentScreenTexts.chinese)
    }
}

extension ResidentScreen.HistoryLine {
    init(_ entry: PaymentHistoryEntry, index: Int) {
        self.index = index
        year = entry.year
        amount = entry.amount.yuanText
        status = ResidentScreenTexts.code(entry.status)
        statusText = ResidentScreenTexts.label(entry.status)
        method = entry.maskedPAN.map { "银行卡 \($0)" } ?? entry.channel.map { "\($0.label)支付" } ?? "—"
        date = ResidentScreenTexts.chinese(entry.createdAt)
        forOther = entry.paidForOther
        canReprint = entry.receiptAvailable
    }
}

extension ResidentScreen.Completion {
    init(_ completion: SessionCompletion) {
        kind = switch completion {
        case .paid: "paid"
        case .reprinted: "reprinted"
        case .registered: "registered"
        }
        receipt = completion.receipt.rawValue
    }
}

extension ResidentScreen.Printing {
    init(_ purpose: PrintPurpose) {
        document = if case .registration = purpose { "slip" } else { "receipt" }
    }
}

extension ResidentScreen.Countdown {
    init(_ timer: TimerKind, seconds: Int, from start: Date) {
        self.timer = timer.rawValue
        self.seconds = seconds
        deadline = Int64(((start.timeIntervalSince1970 + Double(seconds)) * 1000).rounded())
    }
}
