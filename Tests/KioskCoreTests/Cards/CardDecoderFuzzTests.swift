import KioskCore
import KioskTesting
import Testing

/// Property-based fuzzing of the card decoders, in process and deterministic: every damaged,
/// truncated or random answer must end in a holder or a `KioskError` (never a crash, never a hang),
/// and no error message may repeat the holder's personal data.
@Suite("card decoder fuzzing")
struct CardDecoderFuzzTests {
    static let executions = 100_000

    /// Tallies outcomes; messages are checked for personal data as they come.
    struct Tally: CustomStringConvertible {
        var executions = 0
        var decoded = 0
        var refused: [String: Int] = [:]
        var leaks = 0
        var emptyNames = 0
        /// Distinct messages already searched for personal data.
        private var checked: Set<String> = []

        mutating func record(_ outcome: Result<CardHolder, KioskError>, secrets: [String]) {
            executions += 1
            switch outcome {
            case .success(let holder):
                decoded += 1
                if holder.name.isEmpty { emptyNames += 1 }
            case .failure(let error):
                refused[error.code.rawValue, default: 0] += 1
                if !checked.contains(error.message) {
                    checked.insert(error.message)
                    if secrets.contains(where: { error.message.contains($0) }) { leaks += 1 }
                }
            }
        }

        var description: String {
            let codes = refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(executions) executions, 0 crashes, \(decoded) decoded, \(refused.values.reduce(0, +)) refused (\(codes)), \(leaks) messages with personal data, \(emptyNames) holders without a name"
        }
    }

    static let sscBases: [(card: TestSSCCard, profile: SSCReadProfile)] = {
        var bases: [(TestSSCCard, SSCReadProfile)] = []
        let names = ["王𬌗", "欧阳娜娜", "阿卜杜热合曼·买买提艾力·阿不都热依木", "张三"]
        for generation in 1...3 {
            for (index, name) in names.enumerated() {
                var card = TestSSCCard.make(generation: generation, name: name, nameExtensionPresent: index != 1)
                card.style = TestSSCCard.Style.allCases[(generation + index) % 3]
                bases.append((card, index.isMultiple(of: 2) ? .standard : .byRecord))
            }
        }
        return bases
    }()

    @Test("SSC: damaged and random answers", .timeLimit(.minutes(5)))
    func ssc() async {
        var random = SplitMix64(seed: 0x5C_C0_FF_EE)
        var tally = Tally()
        for execution in 0..<Self.executions {
            await Self.shareThePool(execution)
            let (base, profile) = Self.sscBases[Int.random(in: 0..<Self.sscBases.count, using: &random)]
            let seed = SplitMix64(seed: random.next())
            let outcome: Result<CardHolder, KioskError>
            if random.chance(0.1) {
                outcome = await Self.readSSC(RandomCard(random: seed), profile)
            } else {
                let card = MutatingCard(base, random: seed, rate: 0.02, target: Int.random(in: 0..<20, using: &random))
                outcome = await Self.readSSC(card, profile)
            }
            tally.record(outcome, secrets: ["50011919820214066X", "A12345678", "欧阳娜娜", "王𬌗", "张三"])
        }
        print("fuzz ssc: \(tally)")
        #expect(tally.executions == Self.executions)
        #expect(tally.leaks == 0)
        #expect(tally.emptyNames == 0)
        #expect(tally.decoded > 0)
    }

    /// The decoders never suspend, so without this a fuzz run holds one of the two cooperative
    /// threads for its whole length and starves the suites that wait on real stacks.
    static func shareThePool(_ execution: Int) async {
        if execution % 200 == 0 { await Task.yield() }
    }

    static func readSSC(_ card: some ScriptedCard, _ profile: SSCReadProfile) async -> Result<CardHolder, KioskError> {
        var exchange = APDUExchange(ScriptedTransport(card))
        do throws(KioskError) {
            return .success(try await SSCCardReading.read(&exchange, profile: profile))
        } catch {
            return .failure(error)
        }
    }

    /// Text blocks of a long-term ID card, a dated one with a rare character, a residence permit.
    static let idTexts: [[UInt8]] = {
        var dated = TestIDText()
        dated.validTo = "20300101"
        dated.name = "王𬌗"
        var permit = TestIDText()
        permit.nation = ""
        permit.permit = ("H01234567", "02")
        return [TestIDText().bytes, dated.bytes, permit.bytes]
    }()

    static let idReadFrames = idTexts.map { TestIDReader.readFrame(text: $0, photo: TestIDReader.photo) }

    @Test("GA 467 and the text block: damaged frames, damaged text, damaged APDUs", .timeLimit(.minutes(5)))
    func idCard() async {
        var random = SplitMix64(seed: 0x1D_CA_4D_67)
        var tally = Tally()
        for execution in 0..<Self.executions {
            await Self.shareThePool(execution)
            let base = Int.random(in: 0..<Self.idTexts.count, using: &random)
            let text = Self.idTexts[base]
            var reader = TestIDReader(readFrame: Self.idReadFrames[base])
            let seed = SplitMix64(seed: random.next())
            let outcome: Result<CardHolder, KioskError>
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                // Damage inside a well-formed frame, so the text decoder sees it.
                reader.readFrame = CardTestEncoding.ga467(Self.damagedReadBody(text: text, &random))
                outcome = await Self.readIDCard(reader)
            case 6..<8:
                // Damage the frame itself (preamble, LEN, checksum, truncation).
                reader.readFrame = ByteMutation.mutate(reader.readFrame, &random)
                if random.chance(0.5) { reader.findSW3 = random.byte() }
                outcome = await Self.readIDCard(reader)
            case 8:
                outcome = await Self.readIDCard(MutatingCard(reader, random: seed, rate: 0.05, target: Int.random(in: 0..<9, using: &random)))
            default:
                outcome = await Self.readIDCard(RandomCard(random: seed))
            }
            tally.record(outcome, secrets: ["320602196005120210", "李明", "王𬌗", "H01234567", "江苏省南通市"])
        }
        print("fuzz ga467: \(tally)")
        #expect(tally.executions == Self.executions)
        #expect(tally.leaks == 0)
        #expect(tally.emptyNames == 0)
        #expect(tally.decoded > 0)
    }

    /// SW 00 00 90, the two lengths, text and photo, with a few targeted blows.
    static func damagedReadBody(text: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var text = text
        var lengths: [UInt8] = [0x01, 0x00, 0x04, 0x00]
        var photo = TestIDReader.photo
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let unit = Int.random(in: 0..<128, using: &random) * 2
            // A mutation that changed the text's length comes last: the others index the full block.
            guard text.count == 256 else { break }
            switch Int.random(in: 0..<8, using: &random) {
            case 0: text[Int.random(in: 0..<text.count, using: &random)] = random.byte()
            case 1: (text[unit], text[unit + 1]) = (UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random), 0)
            case 2: (text[unit], text[unit + 1]) = (random.byte(), 0xD8 + UInt8.random(in: 0...7, using: &random))
            case 3: (text[248], text[249]) = (UInt8(ascii: "J"), 0)
            case 4: (text[unit], text[unit + 1]) = (random.chance(0.5) ? 0x20 : 0x00, 0)
            case 5: lengths[Int.random(in: 0..<4, using: &random)] = random.byte()
            case 6: photo = Array(photo.prefix(Int.random(in: 0...photo.count, using: &random)))
            default: text = ByteMutation.mutate(text, &random)
            }
        }
        return [0x00, 0x00, 0x90] + lengths + text + photo
    }

    static func readIDCard(_ reader: some ScriptedCard) async -> Result<CardHolder, KioskError> {
        var exchange = APDUExchange(ScriptedTransport(reader))
        do throws(KioskError) {
            return .success(try await IDCardReading.read(&exchange, profile: .standard))
        } catch {
            return .failure(error)
        }
    }
}
