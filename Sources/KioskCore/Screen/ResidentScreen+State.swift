import Foundation

extension ResidentScreen {
    /// What the page needs beside the state: where it came from and how to draw a payment QR.
    public struct Context: Sendable {
        public var seq: Int
        public var demo: Bool
        /// When the session entered the state: countdowns run from here.
        public var enteredAt: Date
        public var settings: SessionSettings
        /// An SVG drawing of a QR code for a payload, or nil when it cannot be encoded.
        public var qrSVG: @Sendable (String) -> String?
        /// The payment methods offered now; nil: all that are configured.
        public var methods: [PaymentMethod]?

        public init(seq: Int, demo: Bool, enteredAt: Date, settings: SessionSettings, qrSVG: @escaping @Sendable (String) -> String?,
                    methods: [PaymentMethod]? = nil) {
            self.methods = methods
            self.seq = seq
            self.demo = demo
            self.enteredAt = enteredAt
            self.settings = settings
            self.qrSVG = qrSVG
        }
    }

    public init(state: SessionState, actions: [ResidentAction.Name], context: Context) {
        screen = state.kind.rawValue
        seq = context.seq
        demo = context.demo
        self.actions = actions.map(\.rawValue)
        prompt = ResidentScreenTexts.prompt(for: state)
        busy = ResidentScreenTexts.busy(for: state)
        texts = ResidentPageTexts.texts(for: state.kind)
        describe(state, context: context)
    }

    private mutating func describe(_ state: SessionState, context: Context) {
        switch state {
        case .attract(let notice):
            self.notice = notice.map { .info($0) }
        case .readingCard, .stopped, .maintenance:
            break
        case .typingIdentity(let notice):
            self.notice = notice.map { .error($0) }
        case .lookingUpPerson(_, let payer):
            self.payer = payer.map(Person.init)
        case .lookingUpEnrollment(let person, let payer):
            self.person = Person(person)
            self.payer = payer.map(Person.init)
        case .loadingHistory(let person, _):
            self.person = Person(person)
        case .showingEnrollment(let enrollment), .confirmingRegistration(let enrollment), .alreadyPaid(let enrollment):
            show(enrollment)
        case .choosingMethod(let enrollment):
            show(enrollment)
            let offered = context.methods ?? context.settings.paymentMethods
            methods = offered.map(\.rawValue)
            let away = context.settings.paymentMethods.filter { !offered.contains($0) }
            if !away.isEmpty { unavailableMethods = away.map(\.rawValue) }
        case .unavailable(let person, let payer, let problem):
            self.person = Person(person)
            self.payer = payer.map(Person.init)
            notice = .error(problem)
        case .choosingBeneficiary(let payer, let notice):
            self.payer = Person(payer)
            self.notice = notice.map { .error($0) }
            relatives = payer.paysFor.enumerated().map { Relative(index: $0.offset, name: $0.element.maskedName, relation: $0.element.relation) }
        case .showingHistory(let person, let entries, _):
            self.person = Person(person)
            history = entries.enumerated().map { HistoryLine($0.element, index: $0.offset) }
        case .checkingPrinter(let draft), .journalingIntent(let draft, _):
            show(draft.context)
        case .printerUnavailable(let draft, let readiness):
            show(draft.context)
            notice = .error(SessionProblem(readiness.problem ?? .printerOffline))
        case .awaitingPayCode(let draft, let notice):
            show(draft.context)
            self.notice = notice.map { .error($0) }
            countdown = Countdown(.payCode, seconds: context.settings.payCodeTimeoutSeconds, from: context.enteredAt)
        case .submitting(let flight), .resolvingSubmission(let flight, _, _), .awaitingPayer(let flight, _, _), .reversing(let flight, _, _),
             .atTerminal(let flight, _), .resolvingTerminal(let flight, _, _), .reversingAtTerminal(let flight, _, _):
            show(flight.draft.context)
        case .showingQR(let flight, let snapshot):
            show(flight.draft.context)
            qr = snapshot.qrURL.flatMap(context.qrSVG).map { QR(svg: $0, channelsText: "微信、支付宝、云闪付扫码均可") }
            countdown = Countdown(.qr, seconds: context.settings.qrTimeoutSeconds, from: context.enteredAt)
        case .paymentFailed(let enrollment, let problem):
            show(enrollment)
            notice = .error(problem)
        case .fetchingReceipt(let job):
            printing = Printing(job.purpose)
        case .printing(let job):
            printing = Printing(job.purpose)
        case .takingReceipt(let completion):
            self.completion = Completion(completion)
            countdown = Countdown(.takeReceipt, seconds: context.settings.takeReceiptSeconds, from: context.enteredAt)
        case .finished(let completion):
            self.completion = Completion(completion)
        case .stillThere(let resumed):
            resume = resumed.kind.rawValue
            countdown = Countdown(.countdown, seconds: context.settings.countdownSeconds, from: context.enteredAt)
        case .failed(let problem):
            notice = .error(problem)
        case .outOfService(let code):
            notice = .info(code)
        }
    }

    private mutating func show(_ context: EnrollmentContext) {
        person = Person(context.insured)
        payer = context.payer.map(Person.init)
        enrollment = Enrollment(context)
        if let due = context.tier?.due { amount = Amount(due) }
    }
}
