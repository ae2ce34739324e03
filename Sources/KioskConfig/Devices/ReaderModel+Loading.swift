import KioskCore

/// The keys of a `Devices/readers/*.toml` file; problems name the file and key.
extension ReaderModel {
    static let profileKeys = [
        "": ["name", "roles", "name_patterns", "virtual", "driver", "ssc", "idcard"],
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
        let driver = profile.optionalString("driver")
        // A reader kioskd drives itself has no PC/SC name.
        let namePatterns = driver == nil ? profile.strings("name_patterns") : profile.optionalStrings("name_patterns") ?? []
        let ssc = SSCReadProfile.load(from: profile, servesSSC: roles?.contains(.sscReader) ?? false)
        let idcard = IDCardTunnelProfile.load(from: profile, servesIDCard: roles?.contains(.idcardReader) ?? false)
        let isVirtual = profile.optionalBool("virtual") ?? false
        if let driver, let roles {
            guard roles.count == 1, let role = roles.first else {
                profile.report("driver", "a reader with a driver serves one slot: roles must be [\"ssc\"] or [\"idcard\"]")
                return nil
            }
            do throws(ReaderSelector.SelectorProblem) {
                guard try ReaderSelector.parse(driver, slot: role == .sscReader ? .socialSecurityCard : .idCard).pcscSelector == nil else {
                    profile.report("driver", "\"\(driver)\" is a PC/SC reader: a driver is library:…, serial:… or sdtapi:…")
                    return nil
                }
            } catch {
                profile.report("driver", error.message)
                return nil
            }
        }
        guard let roles, let name, let namePatterns else { return nil }
        self.init(id: id, name: name, roles: roles, namePatterns: namePatterns, ssc: ssc, idcard: idcard, isVirtual: isVirtual, driver: driver)
    }
}
