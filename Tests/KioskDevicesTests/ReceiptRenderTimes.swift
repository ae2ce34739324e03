import Foundation
import KioskCore
import KioskDevices
import Testing

@Suite("receipt renderer: render times (printed, not asserted)")
struct ReceiptRenderTimes {
    @Test("each document in each format: the first render and the median of ten")
    func renderTimes() throws {
        let cases: [(String, ReceiptDocument)] = [
            ("electronic receipt", .electronicReceipt(ReceiptSamples.receipt())),
            ("20 items", .electronicReceipt(ReceiptSamples.longReceipt)),
            ("registration slip", .registrationSlip(ReceiptSamples.slip)),
            ("test page", ReceiptSamples.testPage),
        ]
        for (printerID, format) in [("thermal-80mm", ReceiptFormat.pdf), ("thermal-58mm", .pdf), ("escpos-80mm-raw", .escposRaster), ("thermal-58mm", .escposRaster)] {
            let renderer = try ReceiptSamples.renderer(printerID, format)
            for (label, document) in cases {
                var samples: [Duration] = []
                for _ in 0..<11 {
                    samples.append(try ContinuousClock().measure { _ = try renderer.render(document) })
                }
                let warm = samples.dropFirst().sorted()
                print("render time: \(label), \(printerID), \(format.profileName): first \(milliseconds(samples[0])), median \(milliseconds(warm[warm.count / 2]))")
            }
        }
    }
}
