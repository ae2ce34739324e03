import KioskCore

/// The keys of a `Devices/readers/*.toml` file; problems name the file and key.
extension ReaderModel {
    static let profileKeys = [
        "": ["name", "roles", "name_patterns", "virtual", "ssc", "idcard"],
        "ssc": ["addressing", "application_name", "read_le", "ef05_records", "ef06_records_generation1", "ef06_records_generation2"],
        "idcard": ["tunnel_header"],
    ]

    init(id: String, profile: DeviceProfileReader) throws(KioskError) {
        let roles = try profile.strings("roles").map { (text) throws(KioskError) -> DeviceRole in
            switch text {
            case "ssc": return .sscReader
            case "idcard": return .idcardReader
            default: throw profile.problem("roles", "\"\(text)\" is not ssc or idcard")
            }
        }
        self.init(
            id: id, name: try profile.string("name"), roles: roles, namePatterns: try profile.strings("name_patterns"),
            ssc: try SSCReadProfile.load(from: profile, servesSSC: roles.contains(.sscReader)),
            idcard: try IDCardTunnelProfile.load(from: profile, servesIDCard: roles.contains(.idcardReader)),
            isVirtual: try profile.optionalBool("virtual") ?? false
        )
    }
}
