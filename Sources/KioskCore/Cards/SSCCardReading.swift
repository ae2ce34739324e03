/// Reads the basic data of a social security card: SELECT the SSSE application, read EF05
/// (issuer data), pick the EF06 record list by the card's generation, read EF06 (holder data).
public enum SSCCardReading {
    public static func read(_ exchange: inout APDUExchange, profile: SSCReadProfile) async throws(KioskError) -> CardHolder {
        let selectApplication = CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x00, data: profile.applicationName)
        try SSCStatus.check(try await exchange.send(selectApplication), after: "SELECT DF", selectingApplication: true)

        let issuer = try await readRecords(of: .ef05, tags: profile.ef05Records, &exchange, profile)
        guard let version = issuer[SSCField.specVersion.tag] else { throw SSCHolderDecoding.notRead(.specVersion) }
        let generation = try SSCGeneration.of(specVersion: try SSCFieldDecoding.ascii(version, .specVersion))
        let holder = try await readRecords(of: .ef06, tags: profile.ef06Records(generation: generation), &exchange, profile)
        return try SSCHolderDecoding.holder(issuer: issuer, holder: holder)
    }

    /// tag → value of each record in `tags`; 姓名扩展 may be missing (6A83).
    private static func readRecords(
        of file: SSCFile, tags: [UInt8], _ exchange: inout APDUExchange, _ profile: SSCReadProfile
    ) async throws(KioskError) -> [UInt8: [UInt8]] {
        if profile.addressing == .tag {
            let select = CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x00, data: file.identifier)
            try SSCStatus.check(try await exchange.send(select), after: "SELECT \(file)")
        }
        var values: [UInt8: [UInt8]] = [:]
        for (index, tag) in tags.enumerated() {
            let field = SSCField(file: file, tag: tag)
            let command: CommandAPDU
            let position: Int?
            switch profile.addressing {
            case .tag:
                command = CommandAPDU(ins: 0xB2, p1: tag, p2: 0x00, le: profile.readLength)
                position = nil
            case .record:
                guard let number = UInt8(exactly: index + 1) else {
                    throw KioskError(.devicesDatabaseInvalid, "the reader profile lists more than 255 \(file) records")
                }
                command = CommandAPDU(ins: 0xB2, p1: number, p2: file.recordP2, le: profile.readLength)
                position = index + 1
            }
            let response = try await exchange.send(command)
            if field == .nameExtension, response.statusWord == SSCStatus.recordNotFound { continue }
            try SSCStatus.check(response, after: "READ RECORD " + (position.map { field.description(record: $0) } ?? "\(field)"))
            values[tag] = try SSCRecord.value(of: response.data, field: field, position: position)
        }
        return values
    }
}
