import Foundation

/// A nexo `TransactionIdentification`: the shape of `SaleData.SaleTransactionID` (the kiosk's id of
/// a sale), `POIData.POITransactionID` (the terminal's), `PaymentAcquirerData.AcquirerTransactionID`
/// and `OriginalPOITransaction.POITransactionID`.
///
/// `TimeStamp` is kept exactly as received (a reversal must send the terminal's own string back);
/// `date` parses it, and `init(transactionID:date:)` makes one for a new sale.
///
/// Sources: https://docs.adyen.com/api-explorer/terminal-api/1/post/payment (`SaleTransactionID`),
/// https://docs.adyen.com/point-of-sale/basic-tapi-integration/make-a-payment/paymentresponsenexo
/// (`POITransactionID`: "oLkO001510323081009.9815103231020966", "2017-11-10T14:11:21.000Z").
public struct NexoTransactionIdentifier: Codable, Sendable, Hashable {
    public var transactionID: String
    /// ISO 8601 date and time, as received or sent: "2017-11-13T15:24:52+00:00",
    /// "2021-01-21T09:47:21.092Z".
    public var timeStamp: String

    public init(transactionID: String, timeStamp: String) {
        self.transactionID = transactionID
        self.timeStamp = timeStamp
    }

    /// A new identification stamped `date` (see `NexoTimeStamp.string(from:timeZone:)`).
    public init(transactionID: String, date: Date, timeZone: TimeZone = .gmt) {
        self.init(transactionID: transactionID, timeStamp: NexoTimeStamp.string(from: date, timeZone: timeZone))
    }

    /// `timeStamp` as a date, or nil when it is not ISO 8601.
    public var date: Date? { NexoTimeStamp.date(from: timeStamp) }

    enum CodingKeys: String, CodingKey {
        case transactionID = "TransactionID"
        case timeStamp = "TimeStamp"
    }
}

/// nexo `ISODateTime` values (`TimeStamp`, `LoginRequest.DateTime`).
public enum NexoTimeStamp {
    /// `date` as ISO 8601 with milliseconds and a numeric offset, e.g. "2017-11-13T15:24:52.000+00:00"
    /// (UTC) or "2017-11-13T23:24:52.000+08:00" (`timeZone` Asia/Shanghai).
    public static func string(from date: Date, timeZone: TimeZone = .gmt) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let wholeSeconds = (milliseconds / 1000).rounded(.down)
        let millis = Int(milliseconds - wholeSeconds * 1000)
        let instant = Date(timeIntervalSince1970: wholeSeconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let offset = timeZone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        let offsetMinutes = abs(offset) / 60
        return pad(parts.year ?? 0, 4) + "-" + pad(parts.month ?? 0, 2) + "-" + pad(parts.day ?? 0, 2)
            + "T" + pad(parts.hour ?? 0, 2) + ":" + pad(parts.minute ?? 0, 2) + ":" + pad(parts.second ?? 0, 2)
            + "." + pad(millis, 3) + sign + pad(offsetMinutes / 60, 2) + ":" + pad(offsetMinutes % 60, 2)
    }

    /// Parses an ISO 8601 date and time with or without fractional seconds, with "Z" or a numeric
    /// offset ("+00:00", "+0000"). Nil when `text` is not one.
    public static func date(from text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
