/// What the state machine needs to know about this kiosk: timeouts, payment methods, limits.
public struct SessionSettings: Sendable, Hashable {
    public var idleTimeoutSeconds: Int
    public var countdownSeconds: Int
    public var payCodeTimeoutSeconds: Int
    public var qrTimeoutSeconds: Int
    public var takeReceiptSeconds: Int
    /// Delay between queries of an open payment (and between retries of a reversal).
    public var pollIntervalSeconds: Int
    /// Queries of a user-paying / unknown payment (or lookups of an uncertain submission) before it is reversed / left to reconciliation.
    public var maximumPolls: Int
    public var maximumReversalAttempts: Int
    public var paymentMethods: [PaymentMethod]
    public var maximumAmount: Money
    public var insuranceYear: Int
    /// When true, no payment starts unless the receipt can be printed.
    public var printingRequired: Bool
    /// The longest any state waits on the backend or the journal (`TimerKind.dwell`). Every call has
    /// its own whole-call deadline; this bounds what a lost, ignored or endless answer would leave.
    public var maximumWaitSeconds: Int
    /// Where an on-screen payment QR may point; a payment whose link is elsewhere is reversed unshown.
    public var qrURLOrigins: [URLOrigin]
    /// Where the receipt's verification QR may point; a link elsewhere is left off the paper.
    public var verificationURLOrigins: [URLOrigin]

    public init(
        idleTimeoutSeconds: Int = 60, countdownSeconds: Int = 15, payCodeTimeoutSeconds: Int = 60, qrTimeoutSeconds: Int = 180,
        takeReceiptSeconds: Int = 20, pollIntervalSeconds: Int = 5, maximumPolls: Int = 24, maximumReversalAttempts: Int = 5,
        paymentMethods: [PaymentMethod] = [.payCode, .onScreenQR], maximumAmount: Money = .yuan(5000),
        insuranceYear: Int, printingRequired: Bool = false, maximumWaitSeconds: Int = 120,
        qrURLOrigins: [URLOrigin] = URLOrigin.paymentNetworks, verificationURLOrigins: [URLOrigin] = []
    ) {
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.countdownSeconds = countdownSeconds
        self.payCodeTimeoutSeconds = payCodeTimeoutSeconds
        self.qrTimeoutSeconds = qrTimeoutSeconds
        self.takeReceiptSeconds = takeReceiptSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
        self.maximumPolls = maximumPolls
        self.maximumReversalAttempts = maximumReversalAttempts
        self.paymentMethods = paymentMethods
        self.maximumAmount = maximumAmount
        self.insuranceYear = insuranceYear
        self.printingRequired = printingRequired
        self.maximumWaitSeconds = maximumWaitSeconds
        self.qrURLOrigins = qrURLOrigins
        self.verificationURLOrigins = verificationURLOrigins
    }
}
