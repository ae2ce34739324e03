import KioskCore

/// Dates and amounts as a resident reads them.
enum ChineseText {
    /// "2020年11月1日"
    static func date(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    /// "2020年9月1日至2021年6月30日", "2020年9月1日起" or "截至2021年6月30日".
    static func period(from: CalendarDate?, until: CalendarDate?) -> String {
        switch (from, until) {
        case let (from?, until?): "\(date(from))至\(date(until))"
        case let (from?, nil): "\(date(from))起"
        case let (nil, until?): "截至\(date(until))"
        case (nil, nil): "全年"
        }
    }

    /// "280元", or "280.50元" when there are fen.
    static func yuan(_ money: Money) -> String {
        money.fen % 100 == 0 ? "\(money.fen / 100)元" : "\(money.yuanText)元"
    }
}
