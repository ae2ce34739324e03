import Foundation
import Glibc
import KioskCore
import KioskDevices
import KioskSession
import KioskSimulators
import KioskTesting

/// Paying by card: what kioskd adds between the resident's confirmation and the terminal's approval
/// (the intent's commit, the protected nexo Payment over a fresh HTTPS connection, the answer opened
/// and checked, the approval's commit) with a cardholder who is instant, so the terminal's own time is
/// ~0; and the CPU kioskd spends while a resident stands at the PIN pad.
struct CardTerminalBenchmark {
    let payments = 200
    let waitSeconds = 10

    func run() async throws -> [BenchRow] {
        try await overhead() + (try await waitingCPU())
    }

    private func overhead() async throws -> [BenchRow] {
        let work = try TemporaryDirectory(prefix: "bench-card")
        defer { work.remove() }
        let journal = try SQLitePaymentJournal(path: work.file("journal.sqlite"))
        let stack = try await NexoTerminalStack.start()
        var samples = LatencySamples()
        let clock = ContinuousClock()
        for index in 0..<payments {
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            let key = String(format: "benchcard%023d", index)
            let intent = PaymentIntent(idempotencyKey: key, personRef: "ref_bench", payerRef: nil, year: 2021, tier: "adult",
                                       amount: .yuan(4), method: .card, createdAt: Date())
            let began = clock.now
            try await journal.recordIntent(intent)
            guard case .approved(let approval) = try await stack.terminal.pay(TerminalPaymentRequest(intent)) else {
                throw TestFixtureError("the benchmark's card was not approved")
            }
            try await journal.recordCardApproval(key: key, approval, at: Date())
            samples.add(clock.now - began)
        }
        try journal.close()
        await stack.stop()
        let p50 = samples.percentileMilliseconds(50), p99 = samples.percentileMilliseconds(99)
        return [
            BenchRow(name: "card: confirm → approved, kioskd's own time (2 journal commits + nexo Payment over HTTPS) p50", value: p50, unit: "ms", target: "< 50", met: p50 < 50),
            BenchRow(name: "card: confirm → approved, kioskd's own time p99", value: p99, unit: "ms", target: "< 100", met: p99 < 100),
        ]
    }

    /// A Payment outstanding at the pad (nobody presents a card) for `waitSeconds`: the process's CPU time.
    private func waitingCPU() async throws -> [BenchRow] {
        let stack = try await NexoTerminalStack.start()
        let request = NexoTerminalStack.request(.yuan(4))
        let payment = Task { try await stack.terminal.pay(request) }
        var screens = await stack.pad.screens().makeAsyncIterator()
        while let screen = await screens.next() {
            if case .presentCard = screen { break }
        }
        let before = Self.processCPUSeconds()
        try await Task.sleep(for: .seconds(waitSeconds))
        let used = Self.processCPUSeconds() - before
        try await stack.terminal.abort(request)
        _ = try? await payment.value
        await stack.stop()
        return [BenchRow(name: "card: CPU while a resident stands at the PIN pad (\(waitSeconds) s)", value: used, unit: "s", target: "< 0.05", met: used < 0.05)]
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
