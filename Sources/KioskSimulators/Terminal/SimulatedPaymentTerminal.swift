import Foundation
import KioskCore

/// A virtual PIN pad that speaks nexo Retailer in the Adyen Terminal API's JSON dialect (the
/// messages of `NexoRequest` / `NexoResponse`), for `kioskd --demo`, headless runs and tests. It
/// has no networking: an HTTP layer hands it each request (`handle(_:)`) and sends what it answers.
///
/// - A Payment suspends until the cardholder is done at the pad (`present(_:by:)`, `enterPIN(_:)`,
///   `cancelAtPINPad()`, `removeCard()`, or a script queued with `enqueueCardholder(_:)`), the sale
///   system aborts it (an AbortRequest naming its ServiceID), or the card-presentation or
///   PIN-entry timeout passes on the injected clock. A second Payment meanwhile is answered Busy
///   (the first goes on); so are Reversal, Login, Reconciliation and Display. Abort,
///   TransactionStatus and Diagnosis are answered while a payment runs.
/// - Wrong PINs: the pad lets the cardholder try `pinTries` times (3) within one payment, then
///   declines WrongPIN. A right PIN is then checked: blocked card, expired card, not enough
///   balance; otherwise approved and the card's balance debited.
/// - Every finished Payment and every Reversal is kept under its SaleID and ServiceID for
///   TransactionStatus; the ledger (`transactions`, `charged`) is what exactly-once checks read.
/// - Faults (`inject(_:)`, see `SimulatedTerminalFault`) are each used once.
///
/// Nothing here logs, and no `description` names a card number or a PIN; responses carry the
/// masked PAN as terminals send it ("622202 **** 0017").
public actor SimulatedPaymentTerminal {
    public nonisolated let poiID: String
    /// How long a Payment waits for a card.
    public nonisolated let cardPresentationTimeout: Duration
    /// How long the pad waits for each PIN.
    public nonisolated let pinEntryTimeout: Duration
    /// PIN tries within one payment.
    public nonisolated let pinTries: Int
    /// Adyen's `tid` in `AdditionalResponse`: eight digits derived from the POIID.
    public nonisolated let tid: String

    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    /// Time on `clock` since the terminal was made.
    let elapsed: @Sendable () -> Duration
    var references: SimulatedTerminalReferences

    /// What the pad shows now.
    public internal(set) var screen: SimulatedTerminalScreen = .idle
    /// Every payment that reached an outcome, in order.
    public internal(set) var transactions: [SimulatedTerminalTransaction] = []
    /// Faults injected and not used yet, in order.
    public internal(set) var pendingFaults: [SimulatedTerminalFault] = []
    /// Scripted cardholders not used yet, in order.
    public internal(set) var pendingCardholders: [SimulatedCardholder] = []

    var subscribers: [Int: AsyncStream<SimulatedTerminalScreen>.Continuation] = [:]
    var nextSubscriberID = 0

    /// The payment at the pad, if any.
    var running: RunningPayment?
    var nextPaymentID = 0
    /// Answers of payments that finished before their caller began to wait.
    var earlyAnswers: [Int: SimulatedTerminalAnswer] = [:]
    /// An inserted card left in the slot after its payment.
    var cardLeftInSlot = false
    var timer: Task<Void, Never>?
    var timerGeneration = 0

    /// Finished Payments and Reversals, for TransactionStatus.
    var records: [RecordKey: Record] = [:]
    /// The most recent record (TransactionStatus without a MessageReference).
    var latestRecord: RecordKey?
    /// Balances by card number, from a card's first payment here.
    var balances: [String: Money] = [:]
    /// Card and currency of each ledger entry with a card, by POITransactionID.TransactionID.
    var transactionDetails: [String: TransactionDetail] = [:]

    /// The open reconciliation period (`POIReconciliationID`).
    var reconciliationPeriod = 1000
    /// Debits and reverse debits of the open period.
    var movements: [Movement] = []
    /// Totals of the closed periods, by POIReconciliationID.
    var closedPeriods: [String: [NexoTransactionTotals]] = [:]
    /// SaleIDs that logged in (Diagnosis' `LoggedSaleID`).
    var loggedSaleIDs: [String] = []

    public init(
        poiID: String, clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = WallClock.system.now,
        references: SimulatedTerminalReferences = .random(), cardPresentationTimeout: Duration = .seconds(60),
        pinEntryTimeout: Duration = .seconds(60), pinTries: Int = 3
    ) {
        self.poiID = poiID
        self.clock = clock
        self.now = now
        self.elapsed = Self.stopwatch(clock)
        self.references = references
        self.cardPresentationTimeout = cardPresentationTimeout
        self.pinEntryTimeout = pinEntryTimeout
        self.pinTries = max(1, pinTries)
        self.tid = Self.terminalNumber(poiID)
    }

    deinit {
        timer?.cancel()
        for continuation in subscribers.values { continuation.finish() }
    }

    // MARK: Requests

    /// The terminal's answer to `request`. A Payment returns when it is over (or at once, when
    /// refused, Busy, or `.neverAnswers`); everything else at once. If the caller's task is
    /// cancelled while a Payment runs, the caller gets `.dropped` and the payment goes on (the
    /// terminal cannot tell that nobody listens any more).
    public func handle(_ request: NexoRequest) async -> SimulatedTerminalAnswer {
        guard request.header.poiID == poiID else {
            if case .abort = request.body { return .empty }
            return refusal(of: request, .messageFormat, message: "POIID \(request.header.poiID) is not this terminal")
        }
        switch request.body {
        case .payment(let payment):
            return await pay(payment, header: request.header)
        case .abort(let abort):
            abortPayment(abort, header: request.header)
            return .empty
        case .transactionStatus(let status):
            return .response(transactionStatus(status, header: request.header))
        case .diagnosis(let diagnosis):
            return .response(diagnose(diagnosis, header: request.header))
        case .reversal(let reversal):
            return unlessPaying(request) { reverse(reversal, header: request.header) }
        case .login(let login):
            return unlessPaying(request) { logIn(login, header: request.header) }
        case .reconciliation(let reconciliation):
            return unlessPaying(request) { reconcile(reconciliation, header: request.header) }
        case .display(let display):
            return unlessPaying(request) { show(display, header: request.header) }
        }
    }

    /// `answer()`, or Busy while a payment runs (one request at a time).
    private func unlessPaying(_ request: NexoRequest, _ answer: () -> NexoResponse) -> SimulatedTerminalAnswer {
        guard running == nil else { return refusal(of: request, .busy, message: "a payment is in progress") }
        return .response(answer())
    }

    // MARK: The cardholder

    /// The card in (or on) the PIN pad during the payment now running, if any.
    public var presentedCard: SimulatedBankCard? { running?.card }

    /// The cardholder inserts or taps `card` while the pad asks for one. False (and nothing
    /// happens) when it does not.
    @discardableResult
    public func present(_ card: SimulatedBankCard, by entry: SimulatedCardEntry = .insert) -> Bool {
        guard var payment = running, payment.card == nil else { return false }
        payment.card = card
        payment.entry = entry
        running = payment
        if balances[card.pan] == nil { balances[card.pan] = card.balance }
        setScreen(.enterPIN(triesLeft: payment.triesLeft))
        armTimer(pinEntryTimeout, paymentID: payment.id)
        return true
    }

    /// The cardholder types `pin` and presses OK while the pad asks for a PIN. False (and nothing
    /// happens) when it does not.
    @discardableResult
    public func enterPIN(_ pin: String) -> Bool {
        guard var payment = running, let card = payment.card else { return false }
        if pin == card.pin {
            authorise()
            return true
        }
        payment.triesLeft -= 1
        running = payment
        if payment.triesLeft <= 0 {
            finish(.declined(.wrongPIN))
        } else {
            setScreen(.enterPIN(triesLeft: payment.triesLeft))
            armTimer(pinEntryTimeout, paymentID: payment.id)
        }
        return true
    }

    /// The cardholder presses cancel on the pad: the running payment ends Cancel. False when no
    /// payment runs.
    @discardableResult
    public func cancelAtPINPad() -> Bool {
        guard running != nil else { return false }
        finish(.declined(.cancelled))
        return true
    }

    /// The cardholder takes the inserted card out: after the payment, the pad goes back to idle;
    /// during it, the payment ends Cancel ("Card removed"). False when no card is in the slot.
    @discardableResult
    public func removeCard() -> Bool {
        if let payment = running, payment.card != nil, payment.entry == .insert {
            running?.cardRemoved = true
            finish(.declined(.cardRemoved))
            return true
        }
        guard cardLeftInSlot else { return false }
        cardLeftInSlot = false
        setScreen(.idle)
        return true
    }

    /// Queues a scripted cardholder: the next Payment plays it out by itself.
    public func enqueueCardholder(_ script: SimulatedCardholder) {
        pendingCardholders.append(script)
    }

    // MARK: Faults and the ledger

    /// Queues a fault (see `SimulatedTerminalFault` for when each is used).
    public func inject(_ fault: SimulatedTerminalFault) {
        pendingFaults.append(fault)
    }

    public func clearFaults() {
        pendingFaults.removeAll()
    }

    /// The sum of approved payments not reversed.
    public var charged: Money {
        transactions.reduce(Money.zero) { sum, transaction in transaction.state == .approved ? sum + transaction.amount : sum }
    }

    /// What is left on `card` here: its own `balance` until its first payment at this terminal.
    public func balance(of card: SimulatedBankCard) -> Money {
        balances[card.pan] ?? card.balance
    }

    // MARK: The screen

    /// The screen now, then every change, until the subscriber stops iterating.
    public func screens() -> AsyncStream<SimulatedTerminalScreen> {
        let (stream, continuation) = AsyncStream.makeStream(of: SimulatedTerminalScreen.self)
        let id = nextSubscriberID
        nextSubscriberID += 1
        subscribers[id] = continuation
        continuation.yield(screen)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    func setScreen(_ next: SimulatedTerminalScreen) {
        guard next != screen else { return }
        screen = next
        for continuation in subscribers.values { continuation.yield(next) }
    }

    // MARK: Helpers

    /// A function that tells the time on `clock` since it was made.
    private static func stopwatch<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    /// Eight digits from `poiID` (FNV-1a), stable across runs.
    private static func terminalNumber(_ poiID: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in poiID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let number = String(hash % 100_000_000)
        return String(repeating: "0", count: 8 - number.count) + number
    }

    /// `date` for `POITransactionID.TimeStamp`, `DateTime`…
    func timeStamp(_ date: Date) -> String {
        NexoTimeStamp.string(from: date)
    }
}

/// The terminal's bookkeeping (internal).
extension SimulatedPaymentTerminal {
    /// The payment at the pad.
    struct RunningPayment {
        let id: Int
        /// The request's header (the response echoes it).
        let header: NexoMessageHeader
        let serviceID: String
        let saleTransactionID: NexoTransactionIdentifier
        let amount: Money
        let currency: String
        let issued: SimulatedTerminalReferences.Issued
        let poiTransactionID: NexoTransactionIdentifier
        let faults: [SimulatedTerminalFault]
        /// Played by a script: an inserted card is taken out at the end without a call.
        let scripted: Bool
        var card: SimulatedBankCard? = nil
        var entry: SimulatedCardEntry? = nil
        /// The inserted card was taken out before the end.
        var cardRemoved = false
        var triesLeft: Int
        /// The caller waiting for the answer.
        var continuation: CheckedContinuation<SimulatedTerminalAnswer, Never>? = nil
        /// False when nobody will ever read the answer (`.neverAnswers`, or the caller gave up).
        var answersCaller: Bool

        func has(_ fault: SimulatedTerminalFault) -> Bool { faults.contains(fault) }
    }

    /// A finished Payment or Reversal, by the request's category, SaleID and ServiceID.
    struct RecordKey: Hashable {
        var category: NexoMessageHeader.MessageCategory
        var saleID: String
        var serviceID: String
    }

    struct Record {
        enum Body {
            case payment(NexoPaymentResponse)
            case reversal(NexoReversalResponse)
        }

        /// The header the response was (or would have been) sent with.
        var header: NexoMessageHeader
        var body: Body
        /// Until then (time on the clock), TransactionStatus answers InProgress.
        var reportableAt: Duration?
    }

    /// What the ledger does not show of a payment: whose card, for a reversal's credit and the totals.
    struct TransactionDetail {
        var pan: String
        var brand: String
        var currency: String
    }

    /// A debit or reverse debit of a reconciliation period.
    struct Movement {
        enum Kind: String {
            case debit = "Debit"
            case reverseDebit = "ReverseDebit"
        }

        var kind: Kind
        var amount: Money
        var brand: String
        var currency: String
    }
}

extension NexoMessageHeader {
    /// This request header as its response's: the same but for `MessageType`.
    var simulatorResponseHeader: NexoMessageHeader {
        var header = self
        header.messageType = .response
        return header
    }
}
