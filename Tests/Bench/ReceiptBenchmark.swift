import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskTesting

/// Render time per electronic receipt (80 mm), as PDF for driver queues and as ESC/POS raster.
struct ReceiptBenchmark {
    var renders = 50
    var devices: String

    func run() throws -> [BenchRow] {
        let database = try DeviceDatabase.load(directory: devices)
        guard let model = database.printers.first(where: { $0.id == "thermal-80mm" }) else { throw TestFixtureError("no thermal-80mm profile in \(devices)") }
        let receipt = SessionBenchmark.receipt
        var rows: [BenchRow] = []
        for format in [ReceiptFormat.pdf, .escposRaster] {
            let renderer = ReceiptRenderer(printer: model, format: format)
            _ = try renderer.render(.electronicReceipt(receipt))
            var samples = LatencySamples()
            let clock = ContinuousClock()
            for _ in 0..<renders {
                let began = clock.now
                _ = try renderer.render(.electronicReceipt(receipt))
                samples.add(clock.now - began)
            }
            let p50 = samples.percentileMilliseconds(50)
            rows.append(BenchRow(name: "receipt render, 80 mm \(format.profileName) (median of \(renders))", value: p50, unit: "ms", target: "< 100", met: p50 < 100))
        }
        return rows
    }
}
