import KioskTesting

/// The ways the fuzz tests damage an answer.
enum ByteMutation: CaseIterable {
    case flipBit, randomByte, truncate, extend, replaceWithRandom, randomStatusWord, randomLengthByte, randomTagByte, swapBytes

    /// `bytes` damaged once by a mutation chosen with `random`.
    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        let mutation = allCases.randomElement(using: &random) ?? .flipBit
        switch mutation {
        case .flipBit:
            guard !bytes.isEmpty else { return [random.byte()] }
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
        case .randomByte:
            guard !bytes.isEmpty else { return [random.byte()] }
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = random.byte()
        case .truncate:
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        case .extend:
            bytes += (0..<Int.random(in: 1...40, using: &random)).map { _ in random.byte() }
        case .replaceWithRandom:
            bytes = (0..<Int.random(in: 0...48, using: &random)).map { _ in random.byte() }
        case .randomStatusWord:
            let words: [[UInt8]] = [[0x61, random.byte()], [0x6C, random.byte()], [0x6A, 0x83], [0x6A, 0x82], [0x69, 0x82], [0x93, 0x03], [random.byte(), random.byte()]]
            bytes = Array(bytes.dropLast(2)) + (words.randomElement(using: &random) ?? [0x90, 0x00])
        case .randomLengthByte:
            if bytes.count > 1 { bytes[1] = random.byte() }
        case .randomTagByte:
            if !bytes.isEmpty { bytes[0] = [0x01, 0x03, 0x08, 0x09, 0x0A, 0x4E, random.byte()].randomElement(using: &random) ?? 0 }
        case .swapBytes:
            guard bytes.count > 1 else { return bytes }
            bytes.swapAt(Int.random(in: 0..<bytes.count, using: &random), Int.random(in: 0..<bytes.count, using: &random))
        }
        return bytes
    }
}

/// A card whose answers are damaged: each with probability `rate`, and always answer number `target`.
struct MutatingCard<Base: ScriptedCard>: ScriptedCard {
    var base: Base
    var random: SplitMix64
    var rate: Double
    var target: Int
    private var answered = 0

    init(_ base: Base, random: SplitMix64, rate: Double, target: Int) {
        self.base = base
        self.random = random
        self.rate = rate
        self.target = target
    }

    mutating func respond(to command: [UInt8]) -> [UInt8] {
        var answer = base.respond(to: command)
        if answered == target || random.chance(rate) {
            answer = ByteMutation.mutate(answer, &random)
            while random.chance(0.3) { answer = ByteMutation.mutate(answer, &random) }
        }
        answered += 1
        return answer
    }
}

/// Answers every command with random bytes.
struct RandomCard: ScriptedCard {
    var random: SplitMix64

    mutating func respond(to command: [UInt8]) -> [UInt8] {
        var answer = (0..<Int.random(in: 0...40, using: &random)).map { _ in random.byte() }
        if random.chance(0.7) { answer += random.chance(0.5) ? [0x90, 0x00] : [0x61, random.byte()] }
        return answer
    }
}
