import Foundation
import KioskCore
import KioskSession
import KioskTesting

/// The state machine's throughput over a whole pay-code journey, and the payment journal's commit
/// latency (SQLite WAL, synchronous=FULL, so each commit waits for fsync).
struct SessionBenchmark {
    func run() async throws -> [BenchRow] {
        try transitions() + (try await journalCommits())
    }

    static let journey: [SessionEvent] = {
        let person = Person(personRef: "ref_bench_0001", maskedName: "张*国", maskedIDNumber: "3206**********0210", region: "320600")
        let tier = Tier(id: "adult", label: "成年居民", amount: .yuan(430), due: .yuan(430))
        let enrollment = Enrollment(
            personRef: person.personRef, year: 2021, region: "320600", policyTitle: "南通市区2021年度城乡居民医保", status: .payable,
            categoryLabel: "成年居民", tiers: [tier], defaultTierID: tier.id,
            window: EnrollmentWindow(phase: .centralized, opens: CalendarDate(iso: "2020-11-01"), closes: CalendarDate(iso: "2020-12-20"))
        )
        let paid = PaymentSnapshot(paymentID: "pay_bench_000000000001", status: .succeeded, amount: .yuan(430), method: .payCode, channel: .wechat)
        let receipt = Self.receipt
        guard let payCode = try? PayCode("134567890123456700") else { return [] }
        return [
            .cardInserted(.idCard), .cardRead(.idCard(idNumber: "320602196005120210", name: "张建国")), .personResolved(person),
            .enrollmentLoaded(enrollment), .paymentConfirmed, .methodChosen(.payCode), .printerChecked(.ready()),
            .payCodeScanned(payCode, at: .zero), .paymentIntentJournaled(idempotencyKey: "bench-key-0001"), .paymentSubmitted(paid),
            .receiptFetched(receipt), .documentPrinted, .receiptTaken, .doneTapped,
        ]
    }()

    static let receipt = ElectronicReceipt(
        title: "社会保险费电子票据", receiptCode: "32060021", receiptNumber: "0000000001", checkCode: "a1b2c3",
        payerMaskedName: "张*国", payerMaskedIDNumber: "3206**********0210",
        items: [.init(label: "城乡居民基本医疗保险费 2021年度", amount: .yuan(430))], total: .yuan(430),
        issuer: "国家税务总局（沙箱）税务局", issuedAt: Date(), paymentID: "pay_bench_000000000001",
        kioskID: "BENCH-0001", channel: "微信", verificationURL: "https://sandbox.invalid/verify"
    )

    private func transitions() throws -> [BenchRow] {
        var machine = SessionStateMachine(settings: SessionSettings(insuranceYear: 2021))
        let journeys = 50_000
        let clock = ContinuousClock()
        let began = clock.now
        var actions = 0
        for index in 0..<journeys {
            for event in Self.journey {
                // One pay code for every journey, each scanned after the last one's validity (the replay guard would refuse it).
                let scanned = if case .payCodeScanned(let code, _) = event { SessionEvent.payCodeScanned(code, at: .seconds(121 * index)) } else { event }
                actions += machine.handle(scanned).count
            }
            guard case .attract = machine.state else {
                throw TestFixtureError("the benchmark journey ended in \(machine.state.kind), not attract")
            }
        }
        let parts = (clock.now - began).components
        let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        let perSecond = Double(journeys * Self.journey.count) / seconds
        return [BenchRow(name: "state machine transitions (pay-code journey, \(Self.journey.count) events, \(actions / journeys) actions)",
                         value: perSecond, unit: "/s", target: "> 100000", met: perSecond > 100_000)]
    }

    private func journalCommits() async throws -> [BenchRow] {
        let work = try TemporaryDirectory(prefix: "bench-journal")
        defer { work.remove() }
        let journal = try SQLitePaymentJournal(path: work.file("journal.sqlite"))
        var samples = LatencySamples()
        let clock = ContinuousClock()
        for index in 0..<500 {
            let intent = PaymentIntent(idempotencyKey: "bench-intent-\(index)", personRef: "ref_bench_\(index)", payerRef: nil, year: 2021,
                                       tier: "adult", amount: .yuan(430), method: .payCode, createdAt: Date())
            let began = clock.now
            try await journal.recordIntent(intent)
            samples.add(clock.now - began)
        }
        try journal.close()
        let p50 = samples.percentileMilliseconds(50), p99 = samples.percentileMilliseconds(99)
        return [
            BenchRow(name: "journal commit (intent, fsync) p50", value: p50, unit: "ms", target: "< 20", met: p50 < 20),
            BenchRow(name: "journal commit (intent, fsync) p99", value: p99, unit: "ms", target: "< 100", met: p99 < 100),
        ]
    }
}
