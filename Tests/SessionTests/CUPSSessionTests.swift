import Foundation
import KioskConfig
import KioskCore
import KioskDevices
import KioskSession
import KioskTesting
import Testing

/// The resident session printing through CUPSPrinter on a real ippeveprinter (with the sandbox backend).
@Suite("session with a real IPP printer: paper checked before money moves, the receipt printed and followed")
struct CUPSSessionTests {
    static func printer(_ stack: IPPPrinterStack) throws -> CUPSPrinter {
        let database = try DeviceDatabase.load(directory: RepositoryPaths.devicesDatabase)
        let model = try #require(database.printers.first { $0.id == "thermal-80mm" })
        return CUPSPrinter(selector: .ipp(uri: stack.uri), model: model, jobTimeout: .seconds(15))
    }

    @Test("paper out before payment: the session says so before any money moves; refilled, the receipt prints as a completed job")
    func paperOutThenRefill() async throws {
        try await IPPPrinterStack.running { stack in
            let printer = try Self.printer(stack)
            try stack.setPaper(empty: true)
            try await withSession(devicePrinter: printer) { session in
                _ = try await session.identify(.zhangJianguo)
                await session.send(.paymentConfirmed)
                await session.send(.methodChosen(.payCode))
                guard case .printerUnavailable(_, let readiness) = try await session.waitFor(.printerUnavailable) else { return }
                #expect(readiness.problem == .printerPaperOut && readiness.paper == .out)
                #expect(await session.journal.calls.isEmpty, "no payment intent while the printer cannot print")
                #expect(stack.spooledFiles.isEmpty)

                try stack.setPaper(empty: false)
                await session.send(.backTapped)
                try await session.waitFor(.choosingMethod)
                await session.send(.methodChosen(.payCode))
                try await session.waitFor(.awaitingPayCode)
                session.scanner.scan("134567890123456700")
                try await session.waitFor(.takingReceipt)
                try await session.journalEntry("printed") { $0.state == .succeeded && $0.receipt == .printed }
                #expect(stack.spooledFiles.count == 1, "\(stack.log)")
                let job = try #require(printer.lastJob)
                #expect(job.state == .completed)
                #expect(job.name.hasPrefix("receipt-"))
                let entry = try await session.journalEntry("printed") { $0.receipt == .printed }
                let receipt = try await session.client.receipt(paymentID: try #require(entry.paymentID))
                #expect(job.name == "receipt-\(receipt.receiptCode)-\(receipt.receiptNumber)")
                #expect(await printer.wasPrinted(jobName: job.name) == true)
            }
        }
    }

    @Test("a jam during the receipt: paid, the receipt stays owed, the printer reports jammed")
    func jamLeavesReceiptOwed() async throws {
        try await IPPPrinterStack.running { stack in
            let printer = try Self.printer(stack)
            try stack.setJobBehaviour(.jams)
            try await withSession(devicePrinter: printer) { session in
                try await session.startPayment(.zhangJianguo, method: .payCode)
                session.scanner.scan("134567890123456700")
                #expect(try await session.waitFor(.finished) == .finished(.paid(.owed)))
                try await session.journalEntry("owed") { $0.state == .succeeded && $0.receipt == .owed }
                #expect(printer.lastJob?.state == .aborted)
                let readiness = await printer.readiness()
                #expect(!readiness.canPrint && readiness.paper == .jammed, "\(readiness)")
            }
        }
    }
}
