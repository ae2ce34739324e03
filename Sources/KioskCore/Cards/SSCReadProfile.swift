/// How a reader model reads the SSC's basic records (the `[ssc]` table of its `Devices/readers/` file).
public struct SSCReadProfile: Sendable, Equatable {
    public enum Addressing: String, Sendable {
        /// SELECT EF05 / EF06, then READ RECORD with P1 = tag, P2 = 00.
        case tag
        /// No EF select: READ RECORD with P1 = record number, P2 = 2C (EF05) or 34 (EF06).
        case record
    }

    public var addressing: Addressing
    /// The SSSE application's DF name.
    public var applicationName: [UInt8]
    /// Le of READ RECORD; 0x00 asks for up to 256 bytes (a T=0 card answers 6Cxx with the right length).
    public var readLength: UInt8
    /// EF05 tags in record order.
    public var ef05Records: [UInt8]
    /// EF06 tags in record order on 1.00 cards (no 姓名扩展, so gender is record 3).
    public var ef06RecordsGeneration1: [UInt8]
    /// EF06 tags in record order on 2.00 and 3.00 cards.
    public var ef06RecordsGeneration2: [UInt8]

    public init(
        addressing: Addressing = .tag,
        applicationName: [UInt8] = Self.defaultApplicationName,
        readLength: UInt8 = 0x00,
        ef05Records: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07],
        ef06RecordsGeneration1: [UInt8] = [0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D],
        ef06RecordsGeneration2: [UInt8] = [0x08, 0x09, 0x4E, 0x0A, 0x0B, 0x0C, 0x0D]
    ) {
        self.addressing = addressing
        self.applicationName = applicationName
        self.readLength = readLength
        self.ef05Records = ef05Records
        self.ef06RecordsGeneration1 = ef06RecordsGeneration1
        self.ef06RecordsGeneration2 = ef06RecordsGeneration2
    }

    /// "sx1.sh." + GBK "社会保障".
    public static let defaultApplicationName: [UInt8] = [0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF]

    public static let standard = SSCReadProfile()

    /// The EF06 tags of a card of `generation` (1, 2 or 3).
    func ef06Records(generation: Int) -> [UInt8] {
        generation == 1 ? ef06RecordsGeneration1 : ef06RecordsGeneration2
    }
}
