import KioskCore

extension CalendarDate {
    /// A date written in a test; a typo stops the test run loudly.
    static func literal(_ iso: String) -> CalendarDate {
        guard let date = CalendarDate(iso: iso) else { fatalError("\(iso) is not a date YYYY-MM-DD") }
        return date
    }
}
