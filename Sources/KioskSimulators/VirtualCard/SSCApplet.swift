/// The SSSE application of a social security card, answering command APDUs as the wire contract
/// shared with the kiosk's decoder describes (the header of the sample SSC files in `Devices/cards/` sums it up).
struct SSCApplet: Sendable {
    /// "sx1.sh." + GBK "社会保障".
    static let dfName: [UInt8] = [0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF]
    /// Short file identifiers in READ RECORD P2 (SFI << 3 | 4: record number in P1).
    static let ef05RecordP2: UInt8 = 0x2C
    static let ef06RecordP2: UInt8 = 0x34

    private let card: VirtualCardFile.SSC
    private let records: SSCRecords
    private var applicationSelected = false
    private var currentEF: UInt8?
    private var pending: PendingResponse?

    init(_ card: VirtualCardFile.SSC) {
        self.card = card
        records = SSCRecords(card)
    }

    /// Power-on or reset: back to the master file.
    mutating func reset() {
        applicationSelected = false
        currentEF = nil
        pending = nil
    }

    mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 4 else { return status(StatusWord.wrongLength) }
        guard bytes[0] == 0x00 else { return status(StatusWord.claNotSupported) }
        guard let apdu = CommandAPDU(bytes) else {
            pending = nil
            return status(StatusWord.wrongLength)
        }
        if apdu.ins == 0xC0 { return getResponse(apdu) }
        pending = nil
        switch apdu.ins {
        case 0xA4: return select(apdu)
        case 0xB2: return readRecord(apdu)
        default: return status(StatusWord.insNotSupported)
        }
    }

    // MARK: Commands

    private mutating func select(_ apdu: CommandAPDU) -> [UInt8] {
        guard !apdu.data.isEmpty else { return status(StatusWord.wrongLength) }
        switch (apdu.p1, apdu.data) {
        case (0x04, Self.dfName):
            applicationSelected = true
            currentEF = nil
            guard card.responseStyle == .getResponse else { return status(StatusWord.ok) }
            // FCI: 6F { 84 DF name }
            let fci = [0x6F, UInt8(Self.dfName.count + 2), 0x84, UInt8(Self.dfName.count)] + Self.dfName
            pending = PendingResponse(fci)
            return StatusWord.moreData(fci.count)
        case (0x00, [0x3F, 0x00]):
            reset()
            return status(StatusWord.ok)
        case (0x02, [0xEF, SSCRecords.ef05]), (0x02, [0xEF, SSCRecords.ef06]):
            guard applicationSelected else { return status(StatusWord.fileNotFound) }
            currentEF = apdu.data[1]
            return status(StatusWord.ok)
        case (0x04, _), (0x02, _), (0x00, _):
            return status(StatusWord.fileNotFound)
        default:
            return status(StatusWord.wrongParameters)
        }
    }

    private mutating func readRecord(_ apdu: CommandAPDU) -> [UInt8] {
        let record: [UInt8]?
        switch apdu.p2 {
        case 0x00:
            guard card.addressing.contains(.tag) else { return status(StatusWord.wrongParameters) }
            guard applicationSelected, let currentEF else { return status(StatusWord.noCurrentEF) }
            record = records.record(ef: currentEF, tag: apdu.p1)
        case Self.ef05RecordP2, Self.ef06RecordP2:
            guard card.addressing.contains(.record) else { return status(StatusWord.wrongParameters) }
            guard applicationSelected else { return status(StatusWord.fileNotFound) }
            let ef = apdu.p2 == Self.ef05RecordP2 ? SSCRecords.ef05 : SSCRecords.ef06
            currentEF = ef
            record = records.record(ef: ef, number: Int(apdu.p1))
        default:
            return status(StatusWord.wrongParameters)
        }
        guard let record else { return status(StatusWord.recordNotFound) }
        return deliver(record, le: apdu.le)
    }

    private mutating func getResponse(_ apdu: CommandAPDU) -> [UInt8] {
        guard var waiting = pending, !waiting.isEmpty else { return status(StatusWord.conditionsNotSatisfied) }
        guard apdu.p1 == 0, apdu.p2 == 0 else { return status(StatusWord.wrongParameters) }
        let answer = waiting.next(maximum: apdu.le ?? 256)
        pending = waiting.isEmpty ? nil : waiting
        return answer
    }

    /// Record data as the card's response style hands it out.
    private mutating func deliver(_ data: [UInt8], le: Int?) -> [UInt8] {
        switch card.responseStyle {
        case .direct:
            return data + status(StatusWord.ok)
        case .wrongLength:
            return le == data.count ? data + status(StatusWord.ok) : StatusWord.exactLength(data.count)
        case .getResponse:
            pending = PendingResponse(data)
            return StatusWord.moreData(data.count)
        }
    }

    private func status(_ word: UInt16) -> [UInt8] {
        StatusWord.bytes(word)
    }
}
