/// Personal data as it may appear on paper. The backend sends names and ID numbers masked already;
/// a value without any `*` is masked here too, so an upstream slip never prints in full.
enum PaperMasking {
    static func name(_ name: String) -> String {
        name.contains("*") ? name : PersonalDataMasking.name(name)
    }

    static func idNumber(_ number: String) -> String {
        number.contains("*") ? number : PersonalDataMasking.idNumber(number)
    }

    /// "****4c8e": the payment's last four characters, a fixed four stars so the length is not shown either.
    static func transactionReference(_ paymentID: String) -> String {
        guard paymentID.count > 4 else { return String(repeating: "*", count: paymentID.count) }
        return "****" + paymentID.suffix(4)
    }
}
