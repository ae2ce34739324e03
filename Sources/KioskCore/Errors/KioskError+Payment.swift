extension KioskError.Code {
    public static let payCodeInvalid = Self("payment.paycode_invalid")
}

extension KioskError.Code {
    public static let idNumberInvalid = Self("identity.id_number_invalid")
}
