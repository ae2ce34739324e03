import KioskCore

extension SSCReadProfile {
    /// The `[ssc]` table of a reader model (standard values for what it leaves out); nil for a
    /// model without the ssc role, and when the table has a problem (reported).
    static func load(from profile: DeviceProfileReader, servesSSC: Bool) -> SSCReadProfile? {
        let section = profile.section("ssc")
        guard servesSSC else {
            if section != nil { profile.report("ssc", "the model has no ssc role, so an [ssc] table is never used") }
            return nil
        }
        var loaded = SSCReadProfile.standard
        guard let section else { return loaded }
        if let text = section.string("addressing") {
            if let addressing = Addressing(rawValue: text) {
                loaded.addressing = addressing
            } else {
                section.report("addressing", "\"\(text)\" is not tag or record")
            }
        }
        loaded.applicationName = section.hexBytes("application_name", count: 1...16) ?? loaded.applicationName
        loaded.readLength = section.byte("read_le") ?? loaded.readLength
        loaded.ef05Records = section.hexByteList("ef05_records") ?? loaded.ef05Records
        loaded.ef06RecordsGeneration1 = section.hexByteList("ef06_records_generation1") ?? loaded.ef06RecordsGeneration1
        loaded.ef06RecordsGeneration2 = section.hexByteList("ef06_records_generation2") ?? loaded.ef06RecordsGeneration2
        require(SSCField.specVersion, in: loaded.ef05Records, "ef05_records", section)
        for (list, key) in [(loaded.ef06RecordsGeneration1, "ef06_records_generation1"), (loaded.ef06RecordsGeneration2, "ef06_records_generation2")] {
            require(SSCField.idNumber, in: list, key, section)
            require(SSCField.name, in: list, key, section)
        }
        return loaded
    }

    /// The kiosk cannot read a card without the spec version (generation), ID number and name.
    private static func require(_ field: SSCField, in list: [UInt8], _ key: String, _ section: DeviceProfileSection) {
        if !list.contains(field.tag) { section.report(key, "must list \(field.tag.hexByte), \(field)") }
    }
}
