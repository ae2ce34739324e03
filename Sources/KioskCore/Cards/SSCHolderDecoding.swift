/// Builds the holder from the values of the EF05 and EF06 records read (tag → value).
enum SSCHolderDecoding {
    typealias Values = [UInt8: [UInt8]]

    static func holder(issuer: Values, holder: Values) throws(KioskError) -> CardHolder {
        typealias Decode = SSCFieldDecoding
        guard let name = holder[SSCField.name.tag] else { throw notRead(.name) }
        guard let idNumber = holder[SSCField.idNumber.tag] else { throw notRead(.idNumber) }

        var card = CardHolder(
            kind: .socialSecurityCard,
            name: try Decode.name(name, extension: holder[SSCField.nameExtension.tag]),
            idNumber: try Decode.ascii(idNumber, .idNumber)
        )
        card.regionCode = try decode(.cardIdentifier, in: issuer, regionCode).flatMap(\.self)
        card.cardType = try decode(.cardType, in: issuer, Decode.ascii)
        card.specVersion = try decode(.specVersion, in: issuer, Decode.ascii)
        card.issueDate = try decode(.issueDate, in: issuer, Decode.date)
        card.expiry = try decode(.expiryDate, in: issuer, Decode.date).map(CardExpiry.on)
        card.cardNumber = try decode(.cardNumber, in: issuer, Decode.ascii)
        card.gender = try decode(.gender, in: holder, Decode.gender).flatMap(\.self)
        card.nation = try decode(.nation, in: holder, Decode.nation).flatMap(\.self)
        card.birthDate = try decode(.birthDate, in: holder, Decode.date)
        return card
    }

    /// The profile's record list lacks a field the kiosk cannot do without.
    static func notRead(_ field: SSCField) -> KioskError {
        KioskError(.cardUnreadable, "\(field) was not read: the reader profile's \(field.file) record list lacks it")
    }

    /// `field` decoded when it was read; nil when the profile does not read it.
    private static func decode<Value>(
        _ field: SSCField, in values: Values, _ decoder: ([UInt8], SSCField) throws(KioskError) -> Value
    ) throws(KioskError) -> Value? {
        guard let value = values[field.tag] else { return nil }
        return try decoder(value, field)
    }

    /// 卡识别码 starts with the six digits of the issuing region; nil when it does not.
    private static func regionCode(_ value: [UInt8], _ field: SSCField) throws(KioskError) -> String? {
        let region = try SSCFieldDecoding.ascii(value, field).prefix(6)
        return region.count == 6 && region.allSatisfy(\.isASCIIDigit) ? String(region) : nil
    }
}
