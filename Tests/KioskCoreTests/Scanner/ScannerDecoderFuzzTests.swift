import KioskCore
import Testing
import KioskTesting

/// Property-based fuzzing of the scanner decoders, in process and deterministic: damaged,
/// reordered, mistimed and random report streams must never crash; every scan is 1–4096
/// characters, every refusal reason is free of the code, and intact streams decode exactly.
@Suite("scanner decoder fuzzing")
struct ScannerDecoderFuzzTests {
    static let executions = 100_000

    static let codes = [
        ScanSample.wechat, ScanSample.alipay, ScanSample.unionpay, ScanSample.idNumber, ScanSample.esscToken,
        ScanSample.esscURL, String(repeating: ScanSample.esscURL, count: 3),
    ]
    static let overlong = String(repeating: "Kx9PzW7Hq2", count: 410)
    static let aims: [String?] = ["]Q1", "]C0", "]d2", "]E0", nil, "]X9"]

    /// The results an intact stream of `codes` must give.
    static func expected(_ codes: [String], symbology: (String) -> AIMSymbology?) -> [ScanDecodeResult] {
        codes.map { code in
            code.utf8.count > DecodedScan.maximumLength ? .discarded("") : .scan(DecodedScan(text: code, symbology: symbology(code)))
        }
    }

    /// Overlong codes are refused with a reason; for the comparison only the kind of result counts.
    static func comparable(_ results: [ScanDecodeResult]) -> [ScanDecodeResult] {
        results.map { if case .discarded = $0 { .discarded("") } else { $0 } }
    }

    /// One to `most` codes from `pool`, now and then one too long to keep.
    static func pickCodes(_ random: inout SplitMix64, from pool: [String], most: Int) -> [String] {
        (0..<Int.random(in: 1...most, using: &random)).map { _ in
            random.chance(0.002) ? overlong : pool[Int.random(in: 0..<pool.count, using: &random)]
        }
    }

    // MARK: HID POS

    @Test("HID POS: damaged, reordered and random reports, odd layouts", .timeLimit(.minutes(5)))
    func hidPOS() async {
        var random = SplitMix64(seed: 0x48_1D_90_5C)
        var tally = ScannerFuzzTally(codes: Self.codes + [Self.overlong, ScanSample.chinese])
        for execution in 0..<Self.executions {
            await CardDecoderFuzzTests.shareThePool(execution)
            tally.executions += 1
            let codes = Self.pickCodes(&random, from: Self.codes + [ScanSample.chinese], most: 3)
            var aims: [String: String?] = [:]
            var reports: [[UInt8]] = []
            for code in codes {
                let aim = Self.aims[Int.random(in: 0..<Self.aims.count, using: &random)]
                aims[code] = aims[code] ?? aim
                reports += TestHIDPOSReports.reports(Array(code.utf8), aim: aims[code] ?? nil, chunk: [7, 16, 33, 56].randomElement(using: &random) ?? 56)
            }
            var layout = HIDPOSReportLayout.standard
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<25:
                break
            case 25..<75:
                for _ in 0..<Int.random(in: 1...3, using: &random) { reports = Self.damage(reports, &random) }
            case 75..<90:
                reports = (0..<Int.random(in: 1...6, using: &random)).map { _ in Self.randomReport(&random) }
            default:
                layout = Self.randomLayout(&random)
                if random.chance(0.5) { reports = (0..<Int.random(in: 1...6, using: &random)).map { _ in Self.randomReport(&random) } }
            }
            var decoder = HIDPOSDecoder(layout: layout)
            var results: [ScanDecodeResult] = []
            for report in reports {
                let result = decoder.decode(report: report)
                tally.record(result)
                if result != .pending { results.append(result) }
            }
            if roll < 25 {
                let expected = Self.expected(codes) { code in (aims[code] ?? nil).flatMap { AIMSymbology(identifier: $0) } }
                tally.recordIntact(Self.comparable(results), expected: expected)
            }
        }
        print("fuzz hid-pos: \(tally)")
        #expect(tally.executions == Self.executions)
        #expect(tally.leaks == 0)
        #expect(tally.badScans == 0)
        #expect(tally.intactDecodedExactly == tally.intactStreams)
        #expect(tally.scans > 0 && tally.discarded > 0)
    }

    static func damage(_ reports: [[UInt8]], _ random: inout SplitMix64) -> [[UInt8]] {
        var reports = reports
        guard !reports.isEmpty else { return [randomReport(&random)] }
        let index = Int.random(in: 0..<reports.count, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0: reports[index] = ByteMutation.mutate(reports[index], &random)
        case 1: set(&reports[index], 1, random.byte())
        case 2: set(&reports[index], 63, reports[index].count > 63 && reports[index][63] == 0 ? 1 : 0)
        case 3: set(&reports[index], 0, random.chance(0.5) ? 0x04 : random.byte())
        case 4: reports.remove(at: index)
        case 5: reports.insert(reports[index], at: index)
        case 6: reports.swapAt(index, Int.random(in: 0..<reports.count, using: &random))
        case 7: set(&reports[index], 5 + Int.random(in: 0..<56, using: &random), [0x0D, 0x0A, 0x80, 0xC3, 0xFF, 0x00].randomElement(using: &random) ?? 0)
        case 8: reports[index] = Array(reports[index].prefix(Int.random(in: 0..<64, using: &random)))
        default: reports.insert(randomReport(&random), at: index)
        }
        return reports
    }

    /// An earlier blow may have shortened the report.
    static func set(_ report: inout [UInt8], _ index: Int, _ byte: UInt8) {
        if report.indices.contains(index) { report[index] = byte }
    }

    static func randomReport(_ random: inout SplitMix64) -> [UInt8] {
        var report = (0..<Int.random(in: 0...70, using: &random)).map { _ in random.byte() }
        if !report.isEmpty, random.chance(0.8) { report[0] = 0x02 }
        if report.count > 1, random.chance(0.5) { report[1] = UInt8.random(in: 0...60, using: &random) }
        return report
    }

    static func randomLayout(_ random: inout SplitMix64) -> HIDPOSReportLayout {
        HIDPOSReportLayout(
            reportID: random.chance(0.7) ? random.byte() : nil,
            lengthOffset: Int.random(in: -2...70, using: &random),
            symbologyOffset: Int.random(in: -2...70, using: &random),
            dataOffset: Int.random(in: -2...70, using: &random),
            continuationOffset: random.chance(0.7) ? Int.random(in: -2...70, using: &random) : nil
        )
    }

    // MARK: keyboard

    /// Typing the three-URL code takes 600 reports: the keyboard run leaves it to the unit tests.
    static let keyboardCodes = Array(codes.dropLast())
    static let typed = Dictionary(uniqueKeysWithValues: (keyboardCodes + [overlong]).map { ($0, TestKeyboardReports.typing($0)) })

    /// How long after the previous report a well-timed one arrives: 1–30 ms.
    static let keyDelays = (1...30).map { Duration.milliseconds($0) }

    /// One report and when it arrives, or a call of `expire(at:)`.
    enum KeyboardEvent {
        case report([UInt8], Duration)
        case expire(Duration)
    }

    @Test("keyboard: damaged, mistimed and random key reports", .timeLimit(.minutes(5)))
    func keyboard() async {
        var random = SplitMix64(seed: 0x4B_E7_B0_A4)
        var tally = ScannerFuzzTally(codes: Self.keyboardCodes + [Self.overlong])
        tally.checksDeadlines = true
        let start = Duration.zero
        for execution in 0..<Self.executions {
            await CardDecoderFuzzTests.shareThePool(execution)
            tally.executions += 1
            let codes = Self.pickCodes(&random, from: Self.keyboardCodes, most: 2)
            var events: [KeyboardEvent] = codes.flatMap { Self.typed[$0] ?? [] }.map { report in
                .report(report, Self.keyDelays[Int(random.next() % UInt64(Self.keyDelays.count))])
            }
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<25:
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    events.insert(.expire(.milliseconds(1)), at: Int.random(in: 0...events.count, using: &random))
                }
            case 25..<85:
                for _ in 0..<Int.random(in: 1...3, using: &random) { events = Self.damage(events, &random) }
            default:
                events = (0..<Int.random(in: 1...40, using: &random)).map { _ in Self.randomEvent(&random) }
            }
            var decoder = KeyboardScanDecoder(interKeyTimeout: .milliseconds(100))
            var now = start + .seconds(execution * 60)
            var results: [ScanDecodeResult] = []
            for event in events {
                let result: ScanDecodeResult
                switch event {
                case .report(let report, let delay):
                    now += delay
                    result = decoder.decode(report: report, at: now)
                case .expire(let delay):
                    now += delay
                    result = decoder.expire(at: now)
                    if let deadline = decoder.pendingDeadline, deadline <= now { tally.lateDeadlines += 1 }
                }
                tally.record(result)
                if result != .pending { results.append(result) }
            }
            if roll < 25 {
                tally.recordIntact(Self.comparable(results), expected: Self.expected(codes) { _ in nil })
            }
        }
        print("fuzz keyboard: \(tally)")
        #expect(tally.executions == Self.executions)
        #expect(tally.leaks == 0)
        #expect(tally.badScans == 0)
        #expect(tally.lateDeadlines == 0)
        #expect(tally.intactDecodedExactly == tally.intactStreams)
        #expect(tally.scans > 0 && tally.discarded > 0)
    }

    static func damage(_ events: [KeyboardEvent], _ random: inout SplitMix64) -> [KeyboardEvent] {
        var events = events
        guard !events.isEmpty else { return [randomEvent(&random)] }
        let index = Int.random(in: 0..<events.count, using: &random)
        guard case .report(var report, let delay) = events[index] else { return events }
        switch Int.random(in: 0..<10, using: &random) {
        case 0: set(&report, 0, random.byte())
        case 1: set(&report, Int.random(in: 2..<8, using: &random), random.byte())
        case 2: report = ByteMutation.mutate(report, &random)
        case 3: events.remove(at: index); return events
        case 4: events.insert(events[index], at: index); return events
        case 5: events.swapAt(index, Int.random(in: 0..<events.count, using: &random)); return events
        case 6: events[index] = .report(report, .milliseconds(Int.random(in: 90...3000, using: &random))); return events
        case 7: events.insert(.expire(.milliseconds(Int.random(in: 0...300, using: &random))), at: index); return events
        case 8: report = report.map { $0 == 0x28 ? 0x58 : $0 }
        default: events.insert(randomEvent(&random), at: index); return events
        }
        events[index] = .report(report, delay)
        return events
    }

    static func randomEvent(_ random: inout SplitMix64) -> KeyboardEvent {
        if random.chance(0.1) { return .expire(.milliseconds(Int.random(in: 0...300, using: &random))) }
        let size = random.chance(0.9) ? 8 : Int.random(in: 0...12, using: &random)
        var report = [UInt8](repeating: 0, count: size)
        for index in report.indices where random.chance(index < 2 ? 0.3 : 0.4) {
            report[index] = random.chance(0.7) ? UInt8.random(in: 0x04...0x2C, using: &random) : random.byte()
        }
        return .report(report, .milliseconds(Int.random(in: 0...150, using: &random)))
    }
}
