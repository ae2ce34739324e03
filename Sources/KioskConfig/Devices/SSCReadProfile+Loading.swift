import KioskCore

extension SSCReadProfile {
    /// The `[ssc]` table of a reader model (standard values for what it leaves out); nil for a
    /// model without the ssc role.
    static func load(from profile: DeviceProfileReader, servesSSC: Bool) throws(KioskError) -> SSCReadProfile? {
        let section = try profile.section("ssc")
        guard servesSSC else {
            if section != nil { throw profile.problem("ssc", "the model has no ssc role, so an [ssc] table is never used") }
            return nil
        }
        var loaded = SSCReadProfile.standard
        guard let section else { return loaded }
        if let text = try section.string("addressing") {
            guard let addressing = Addressing(rawValue: text) else { throw section.problem("addressing", "\"\(text)\" is not tag or record") }
            loaded.addressing = addressing
        }
        loaded.applicationName = try section.hexBytes("application_name", count: 1...16) ?? loaded.applicationName
        loaded.readLength = try section.byte("read_le") ?? loaded.readLength
        loaded.ef05Records = try section.hexByteList("ef05_records") ?? loaded.ef05Records
        loaded.ef06RecordsGeneration1 = try section.hexByteList("ef06_records_generation1") ?? loaded.ef06RecordsGeneration1
        loaded.ef06RecordsGeneration2 = try section.hexByteList("ef06_records_generation2") ?? loaded.ef06RecordsGeneration2
        try require(SSCField.specVersion, in: loaded.ef05Records, "ef05_records", section)
        for (list, key) in [(loaded.ef06RecordsGeneration1, "ef06_records_generation1"), (loaded.ef06RecordsGeneration2, "ef06_records_generation2")] {
            try require(SSCField.idNumber, in: list, key, section)
            try require(SSCField.name, in: list, key, section)
        }
        return loaded
    }

    /// The kiosk cannot read a card without the spec version (generation), ID number and name.
    private static func require(_ field: SSCField, in list: [UInt8], _ key: String, _ section: DeviceProfileSection) throws(KioskError) {
        guard list.contains(field.tag) else { throw section.problem(key, "must list \(field.tag.hexByte), \(field)") }
    }
}
