import KioskCore

extension SessionSettings {
    public init(_ configuration: KioskConfiguration, printingRequired: Bool = false) {
        let session = configuration.session
        self.init(
            idleTimeoutSeconds: session.idleTimeoutSeconds, countdownSeconds: session.countdownSeconds,
            payCodeTimeoutSeconds: session.payCodeTimeoutSeconds, qrTimeoutSeconds: session.qrTimeoutSeconds,
            takeReceiptSeconds: session.takeReceiptSeconds, paymentMethods: configuration.payment.methods,
            maximumAmount: Money(fen: Int64(configuration.payment.maximumAmountFen)),
            insuranceYear: configuration.kiosk.insuranceYear, printingRequired: printingRequired,
            qrURLOrigins: configuration.payment.qrURLOrigins, verificationURLOrigins: configuration.payment.verificationURLOrigins
        )
    }
}
