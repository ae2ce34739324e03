import KioskCore

/// The keys of a `Devices/readers/*.toml` file; problems name the file and key.
extension ReaderModel {
    static let profileKeys = [
        "": ["name", "roles", "name_patterns", "virtual", "ssc", "idcard"],
        "ssc": ["addressing", "application_name", "read_le", "ef05_records", "ef06_records_generation1", "ef06_records_generation2"],
        "idcard": ["tunnel_header"],
    ]

    /// Nil when a key is missing or wrong (each is reported).
    init?(id: String, profile: DeviceProfileReader) {
        let roles = profile.strings("roles").map { texts in
            texts.compactMap { text -> DeviceRole? in
                switch text {
                case "ssc": .sscReader
                case "idcard": .idcardReader
                default: profile.problem("roles", "\"\(text)\" is not ssc or idcard")
                }
            }
        }
        let name = profile.string("name")
        let namePatterns = profile.strings("name_patterns")
        let ssc = SSCReadProfile.load(from: profile, servesSSC: roles?.contains(.sscReader) ?? false)
        let idcard = IDCardTunnelProfile.load(from: profile, servesIDCard: roles?.contains(.idcardReader) ?? false)
        let isVirtual = profile.optionalBool("virtual") ?? false
        guard let roles, let name, let namePatterns else { return nil }
        self.init(id: id, name: name, roles: roles, namePatterns: namePatterns, ssc: ssc, idcard: idcard, isVirtual: isVirtual)
    }
}
