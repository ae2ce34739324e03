import KioskConfig
import KioskCore

extension RegionPolicy.Window {
    static func read(_ table: TOMLTableReader) -> Self? {
        let opens = table.required("opens", .date), closes = table.required("closes", .date), source = table.required("source", .citation)
        if let opens, let closes, closes < opens { table.report("closes", "\(closes) is before opens \(opens)") }
        let afterClose = table.table("after", required: true).flatMap { RegionPolicy.AfterClose.read($0, closes: closes) }
        let surcharge = table.table("surcharge").flatMap(RegionPolicy.Surcharge.read)
        if let surcharge, let afterClose {
            if afterClose.kind != .midYear, afterClose.kind != .late {
                table.report("surcharge", "applies only when window.after.kind is mid_year or late")
            } else if let closes, let until = afterClose.until, !(surcharge.from > closes && surcharge.from <= until) {
                table.report("surcharge", "from \(surcharge.from) is not after closes \(closes) and by after.until \(until)")
            }
        }
        let newborn = table.table("newborn").flatMap(RegionPolicy.NewbornRule.read)
        table.rejectUnknownKeys()
        guard let opens, let closes, let source, let afterClose else { return nil }
        return .init(opens: opens, closes: closes, source: source, afterClose: afterClose, surcharge: surcharge, newborn: newborn)
    }
}

extension RegionPolicy.AfterClose {
    static func read(_ table: TOMLTableReader, closes: CalendarDate?) -> Self? {
        let kindName = table.required("kind", .text)
        let kind = kindName.flatMap(Kind.init(rawValue:))
        if let kindName, kind == nil {
            table.report("kind", "\"\(kindName)\" is not one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let until = table.optional("until", .date), message = table.optional("message", .text), source = table.required("source", .citation)
        switch kind {
        case .midYear?, .late?:
            if until == nil { table.report("until", "is missing; mid_year and late need the last payable day") }
        case .payElsewhere?:
            if message == nil { table.report("message", "is missing; pay_elsewhere must say where to pay") }
            if until != nil { table.report("until", "only mid_year and late have until") }
        case .closed?:
            if until != nil { table.report("until", "only mid_year and late have until") }
        case nil:
            break
        }
        if let until, let closes, until <= closes { table.report("until", "\(until) is not after window.closes \(closes)") }
        table.rejectUnknownKeys()
        guard let kind, let source else { return nil }
        return .init(kind: kind, until: until, message: message, source: source)
    }
}

extension RegionPolicy.Surcharge {
    static func read(_ table: TOMLTableReader) -> Self? {
        let from = table.required("from", .date), amount = table.required("amount_fen", .fen)
        let label = table.required("label", .text), source = table.required("source", .citation)
        table.rejectUnknownKeys()
        guard let from, let amount, let label, let source else { return nil }
        return .init(from: from, amount: amount, label: label, source: source)
    }
}

extension RegionPolicy.NewbornRule {
    static func read(_ table: TOMLTableReader) -> Self? {
        let days = table.optional("within_days", .integer(1...366)), months = table.optional("within_months", .integer(1...12))
        let source = table.required("source", .citation)
        if (days == nil) == (months == nil) { table.report("within_days", "give exactly one of within_days and within_months") }
        table.rejectUnknownKeys()
        guard let source else { return nil }
        if let days, months == nil { return .init(period: .days(days), source: source) }
        if let months, days == nil { return .init(period: .months(months), source: source) }
        return nil
    }
}
