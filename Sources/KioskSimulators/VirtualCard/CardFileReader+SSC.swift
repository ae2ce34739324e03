import KioskCore

extension CardFileReader {
    static let defaultSSCATR: [UInt8] = [
        0x3B, 0x6C, 0x00, 0x00,  // T=0, TB1 TC1, 12 historical bytes
        0x80, 0x31, 0x80, 0x65, 0x53, 0x53, 0x43, 0x4B, 0x49, 0x4F, 0x53, 0x4B,
    ]

    /// `kind = "ssc"`: `[holder]` and `[ssc]`.
    func sscCard() -> VirtualCardFile.SSC? {
        let holder = holderBasics()
        let nation = string("holder", "nation")
        if let nation, let problem = CardFileChecks.nation(nation) { report("holder.nation", problem) }
        let birthPlace = string("holder", "birth_place")
        if let birthPlace, let problem = CardFileChecks.digits(birthPlace, count: 6, personal: true) { report("holder.birth_place", problem) }

        let generation = int("ssc", "generation")
        if let generation, !(1...3).contains(generation) { report("ssc.generation", "\(generation) is not 1, 2 or 3") }
        let regionCode = string("ssc", "region_code")
        if let regionCode, let problem = CardFileChecks.digits(regionCode, count: 6, personal: false) { report("ssc.region_code", problem) }
        let cardNumber = string("ssc", "card_number")
        if let cardNumber, let problem = SSCCardNumber.problem(cardNumber) { report("ssc.card_number", problem) }
        let issueDate = date("ssc", "issue_date", personal: false)
        let expiryDate = date("ssc", "expiry_date", personal: false)
        if let issueDate, let expiryDate, expiryDate <= issueDate { report("ssc.expiry_date", "\(expiryDate) is not after issue_date \(issueDate)") }
        let cardType = string("ssc", "card_type", required: false) ?? "3"
        if cardType.count != 1 || !cardType.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            report("ssc.card_type", "\"\(cardType)\" is not one ASCII character")
        }
        let addressing = sscAddressing()
        let responseStyle = sscResponseStyle()
        let hasNameExtension = sscNameExtension(generation: generation)
        let atr = cardATR("ssc", default: Self.defaultSSCATR)

        var nameParts: SSCNameParts?
        if let name = holder.name {
            switch SSCNameParts.split(name, extensionAllowed: hasNameExtension) {
            case .success(let parts): nameParts = parts
            case .failure(let problem): report("holder.name", problem.message)
            }
        }
        guard let name = holder.name, let idNumber = holder.idNumber, let gender = holder.gender, let birthDate = holder.birthDate,
              let nation, let birthPlace, let generation, let regionCode, let cardNumber,
              let issueDate, let expiryDate, let addressing, let responseStyle, let atr, let nameParts else { return nil }
        return VirtualCardFile.SSC(
            name: name, idNumber: idNumber, gender: gender, nation: nation, birthDate: birthDate, birthPlace: birthPlace,
            generation: generation, regionCode: regionCode, cardNumber: cardNumber, issueDate: issueDate, expiryDate: expiryDate,
            cardType: cardType, addressing: addressing, responseStyle: responseStyle, hasNameExtension: hasNameExtension,
            atr: atr, nameParts: nameParts
        )
    }

    /// "tag", "record" or "both" (the default).
    private func sscAddressing() -> Set<VirtualCardFile.Addressing>? {
        let text = string("ssc", "addressing", required: false) ?? "both"
        if text == "both" { return Set(VirtualCardFile.Addressing.allCases) }
        guard let style = VirtualCardFile.Addressing(rawValue: text) else {
            report("ssc.addressing", "\"\(text)\" is not \"tag\", \"record\" or \"both\"")
            return nil
        }
        return [style]
    }

    private func sscResponseStyle() -> VirtualCardFile.ResponseStyle? {
        let text = string("ssc", "response_style", required: false) ?? "direct"
        guard let style = VirtualCardFile.ResponseStyle(rawValue: text) else {
            report("ssc.response_style", "\"\(text)\" is not \"direct\", \"6C\" or \"61\"")
            return nil
        }
        return style
    }

    private func sscNameExtension(generation: Int?) -> Bool {
        let canHave = (generation ?? 1) >= 2
        guard let flag = bool("ssc", "has_name_extension", required: false) else { return canHave }
        if flag, !canHave, generation != nil { report("ssc.has_name_extension", "generation 1 cards have no tag 4E") }
        return flag && canHave
    }

    /// The optional `atr` of `[table]`.
    func cardATR(_ table: String, default fallback: [UInt8]) -> [UInt8]? {
        guard let text = string(table, "atr", required: false) else { return fallback }
        switch CardFileChecks.atr(text) {
        case .success(let bytes): return bytes
        case .failure(let problem):
            report("\(table).atr", problem.message)
            return nil
        }
    }
}
