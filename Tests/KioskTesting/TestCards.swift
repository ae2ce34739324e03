import KioskSimulators

/// Card files for the tests, in the format of Devices/cards/.
public enum TestCards {
    public static func ssc(
        name: String = "王秀英", idNumber: String = "320611195507200183", generation: Int = 2, expiry: String = "2030-11-02",
        extra: String = "", nameExtension: Bool? = nil
    ) -> String {
        """
        kind = "ssc"
        [holder]
        name = "\(name)"
        id_number = "\(idNumber)"
        gender = "female"
        nation = "01"
        birth_date = "\(idNumber.dropFirst(6).prefix(4))-\(idNumber.dropFirst(10).prefix(2))-\(idNumber.dropFirst(12).prefix(2))"
        birth_place = "320611"
        [ssc]
        generation = \(generation)
        region_code = "320600"
        card_number = "A10200183"
        issue_date = "2018-09-12"
        expiry_date = "\(expiry)"
        \(nameExtension.map { "has_name_extension = \($0)" } ?? "")
        \(extra)
        """
    }

    public static func idCard(validTo: String = "long-term", permit: Bool = false) -> String {
        """
        kind = "idcard"
        [holder]
        name = "\(permit ? "陈美琪" : "陈德明")"
        id_number = "\(permit ? "810000198503210040" : "500119197008150552")"
        gender = "\(permit ? "female" : "male")"
        \(permit ? "" : "nation = \"01\"")
        birth_date = "\(permit ? "1985-03-21" : "1970-08-15")"
        address = "重庆市南川区东城街道金山路18号"
        issuing_authority = "重庆市公安局南川区分局"
        valid_from = "2017-09-01"
        valid_to = "\(validTo)"
        \(permit ? "[permit]\npass_number = \"H60123456\"\nissue_count = 1" : "")
        """
    }

    /// An ID card's file as a reader's SAM holds it (`PseudoTerminalIDCardReader.place`).
    public static func virtualIDCard(_ toml: String = idCard()) throws -> VirtualCardFile.IDCard {
        guard case .idCard(let card) = try VirtualCardFile(toml: toml, source: "test").content else { throw TestFixtureError("not an ID card") }
        return card
    }
}
