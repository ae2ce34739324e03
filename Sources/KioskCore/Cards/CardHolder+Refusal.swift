extension CardHolder {
    /// nil when the card may be used today; otherwise `.cardIDNumberInvalid` (the number fails
    /// GB 11643) or `.cardExpired`. The message names the problem, never the number.
    public func refusal(today: CalendarDate) -> KioskError? {
        do {
            _ = try IDNumber(idNumber)
        } catch {
            return KioskError(.cardIDNumberInvalid, "the ID number on the \(kind.rawValue) card is not valid: \(error.message)")
        }
        if case .on(let lastDay) = expiry, lastDay < today {
            return KioskError(.cardExpired, "the \(kind.rawValue) card expired in \(lastDay.description.prefix(7))")
        }
        return nil
    }
}
