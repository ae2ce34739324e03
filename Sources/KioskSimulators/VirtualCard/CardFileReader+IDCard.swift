import Foundation
import KioskCore

extension CardFileReader {
    static let defaultSAMATR: [UInt8] = [
        0x3B, 0x8E, 0x80, 0x01,  // T=0 and T=1, 14 historical bytes
        0x80, 0x31, 0x80, 0x66, 0xB0, 0x84, 0x0C, 0x01, 0x6E, 0x01, 0x83, 0x00, 0x90, 0x00,
        0x1D,  // TCK
    ]
    static let defaultTunnelHeader: [UInt8] = [0xFF, 0xB0, 0x00, 0x00]

    /// `kind = "idcard"`: `[holder]`, optional `[permit]` and `[idcard]`. A relative photo path is
    /// taken from `baseDirectory` (the card file's directory).
    func idCard(baseDirectory: String) -> VirtualCardFile.IDCard? {
        let holder = holderBasics()
        if let name = holder.name, name.utf16.count > IDCardTextBlock.nameUnits {
            report("holder.name", "\(name.count) characters do not fit the ID card's 15 (UCS-2) characters")
        }
        let permit = permitData()
        if permit != nil, let idNumber = holder.idNumber, !["81", "82", "83"].contains(String(idNumber.prefix(2))) {
            report("holder.id_number", "a residence permit's ID number starts with 81 (Hong Kong), 82 (Macau) or 83 (Taiwan)")
        }
        let nation = string("holder", "nation", required: permit == nil)
        if let nation {
            if permit != nil {
                report("holder.nation", "a residence permit carries no nation; remove the key")
            } else if let problem = CardFileChecks.nation(nation) {
                report("holder.nation", problem)
            }
        }
        let address = idCardText("address", maxUnits: IDCardTextBlock.addressUnits)
        let authority = idCardText("issuing_authority", maxUnits: IDCardTextBlock.authorityUnits)
        let validFrom = date("holder", "valid_from", personal: true)
        let validTo = idCardValidTo()
        if let validFrom, case .date(let end)? = validTo, end <= validFrom {
            report("holder.valid_to", "is not after valid_from")
        }
        let tunnelHeader = idCardTunnelHeader()
        let photo = idCardPhoto(baseDirectory: baseDirectory, idNumber: holder.idNumber)
        let atr = cardATR("idcard", default: Self.defaultSAMATR)
        guard let name = holder.name, let idNumber = holder.idNumber, let gender = holder.gender, let birthDate = holder.birthDate,
              let address, let authority, let validFrom, let validTo, let tunnelHeader, let photo, let atr,
              permit != nil || nation != nil else { return nil }
        return VirtualCardFile.IDCard(
            name: name, idNumber: idNumber, gender: gender, nation: permit == nil ? nation : nil, birthDate: birthDate,
            address: address, issuingAuthority: authority, validFrom: validFrom, validTo: validTo, permit: permit,
            tunnelHeader: tunnelHeader, photo: photo, atr: atr
        )
    }

    private func idCardText(_ key: String, maxUnits: Int) -> String? {
        guard let text = string("holder", key) else { return nil }
        if let problem = CardFileChecks.text(text) {
            report("holder.\(key)", problem)
            return nil
        }
        guard text.utf16.count <= maxUnits else {
            report("holder.\(key)", "\(text.count) characters do not fit the ID card's \(maxUnits) (UCS-2) characters")
            return nil
        }
        return text
    }

    /// "YYYY-MM-DD" or "long-term" (长期).
    private func idCardValidTo() -> VirtualCardFile.ValidTo? {
        if peekString("holder", "valid_to") == "long-term" { return .longTerm }
        return date("holder", "valid_to", personal: true).map { .date($0) }
    }

    private func permitData() -> VirtualCardFile.Permit? {
        guard hasTable("permit") else { return nil }
        let passNumber = string("permit", "pass_number")
        if let passNumber, passNumber.isEmpty || passNumber.count > IDCardTextBlock.passNumberUnits
            || !passNumber.allSatisfy({ $0.isASCIIDigit || $0.isCapitalASCIILetter }) {
            report("permit.pass_number", "must be 1 to 9 digits and capital letters")
        }
        let issueCount = int("permit", "issue_count")
        if let issueCount, !(0...99).contains(issueCount) { report("permit.issue_count", "\(issueCount) is not 0…99") }
        guard let passNumber, let issueCount else { return nil }
        return VirtualCardFile.Permit(passNumber: passNumber, issueCount: issueCount)
    }

    private func idCardTunnelHeader() -> [UInt8]? {
        guard let text = string("idcard", "tunnel_header", required: false) else { return Self.defaultTunnelHeader }
        guard let bytes = HexBytes.parse(text), bytes.count == 4 else {
            report("idcard.tunnel_header", "\"\(text)\" is not 4 hex bytes such as \"FFB00000\"")
            return nil
        }
        if bytes[0] == 0x00, bytes[1] == 0xC0 {
            report("idcard.tunnel_header", "\"\(text)\" would collide with GET RESPONSE (00 C0)")
            return nil
        }
        return bytes
    }

    /// A hex file of exactly 1024 bytes, or a pattern derived from the ID number.
    private func idCardPhoto(baseDirectory: String, idNumber: String?) -> [UInt8]? {
        guard let path = string("idcard", "photo", required: false) else {
            return IDCardPhoto.generated(seed: idNumber ?? "")
        }
        let fullPath = path.hasPrefix("/") ? path : baseDirectory + "/" + path
        guard let text = try? String(contentsOfFile: fullPath, encoding: .utf8) else {
            report("idcard.photo", "cannot read \"\(path)\"")
            return nil
        }
        guard let bytes = HexBytes.parse(text), bytes.count == IDCardPhoto.length else {
            report("idcard.photo", "\"\(path)\" does not hold exactly \(IDCardPhoto.length) hex bytes")
            return nil
        }
        return bytes
    }
}
