import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskTesting

/// Submit → completed for one rendered receipt through a private cupsd queue: CUPSPrinter against
/// `lp` of the same file to the same queue, whose completion is seen through the same job history.
struct PrintBenchmark {
    var jobs = 20
    var devices: String

    func run() async throws -> [BenchRow] {
        let database = try DeviceDatabase.load(directory: devices)
        guard let model = database.printers.first(where: { $0.id == "thermal-80mm" }) else { throw TestFixtureError("no thermal-80mm profile in \(devices)") }
        let pdf = try ReceiptRenderer(printer: model).render(.electronicReceipt(SessionBenchmark.receipt)).data
        let work = try TemporaryDirectory(prefix: "bench-print")
        defer { work.remove() }
        let file = work.file("receipt.pdf")
        try Data(pdf).write(to: URL(fileURLWithPath: file))
        return try await PrivateCUPSStack.running { cups in
            let names = NameCounter()
            let printer = CUPSPrinter(selector: .ipp(uri: cups.queueURI), jobTimeout: .seconds(30), connectTimeoutMilliseconds: 3000) { _ throws(KioskError) in
                (data: pdf, mimeType: "application/pdf", jobName: names.next("bench-kiosk"))
            }
            var kiosk = LatencySamples(), lp = LatencySamples()
            let clock = ContinuousClock()
            for index in 0..<jobs {
                var began = clock.now
                try await printer.print(.electronicReceipt(SessionBenchmark.receipt))
                kiosk.add(clock.now - began)

                let name = "bench-lp-\(index)"
                began = clock.now
                let result = try await ChildProcess.run("/usr/bin/lp", ["-h", "127.0.0.1:\(cups.port)", "-d", cups.queue, "-t", name, file], workDirectory: work)
                guard result.status == 0 else { throw TestFixtureError("lp failed: \(result.error)") }
                while await printer.wasPrinted(jobName: name) != true {
                    guard clock.now - began < .seconds(30) else { throw TestFixtureError("lp's job \(name) did not complete: \(cups.log)") }
                    try await Task.sleep(for: .milliseconds(5))
                }
                lp.add(clock.now - began)
            }
            let ours = kiosk.percentileMilliseconds(50), theirs = lp.percentileMilliseconds(50)
            let ratio = ours / theirs
            return [
                BenchRow(name: "receipt submit→completed via cupsd, CUPSPrinter (median of \(jobs))", value: ours, unit: "ms", target: "(reported)", met: true),
                BenchRow(name: "receipt submit→completed via cupsd, lp + job history (median of \(jobs))", value: theirs, unit: "ms", target: "(reported)", met: true),
                BenchRow(name: "receipt submit→completed, CUPSPrinter / lp", value: ratio, unit: "x", target: "<= 1.1", met: ratio <= 1.1),
            ]
        }
    }
}

final class NameCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next(_ prefix: String) -> String {
        lock.withLock {
            count += 1
            return "\(prefix)-\(count)"
        }
    }
}
