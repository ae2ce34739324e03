import Foundation
import KioskCore
import KioskDevices
import KioskTesting
import Testing

/// CUPSPrinter against a real IPP printer: CUPS' ippeveprinter on a loopback port
/// (Tests/KioskTesting/IPPPrinterStack.swift), one per test.
@Suite("CUPSPrinter: printing to a real ippeveprinter", .timeLimit(.minutes(1)))
struct CUPSPrinterTests {
    @Test("a PDF prints: spooled byte for byte under the given job name, completed, and found in the history")
    func printsPDF() async throws {
        try await IPPPrinterStack.running { stack in
            let pdf = try TestPDF.make("Receipt 0000012345")
            let printer = cupsPrinter(stack.uri, pdf: pdf, jobName: "0000012345")
            #expect(await printer.readiness() == .ready(paper: .full))
            #expect(await printer.wasPrinted(jobName: "0000012345") == false)

            let failure = await printFailure(printer)
            #expect(failure == nil, "\(String(describing: failure)) — \(stack.log)")

            let files = stack.spooledFiles
            #expect(files.count == 1)
            #expect(files.first.map(spooledBytes) == pdf, "the printer must receive the document unchanged")
            #expect(files.first.map { URL(fileURLWithPath: $0).lastPathComponent.contains("0000012345") } == true, "\(files)")
            let job = try #require(printer.lastJob)
            #expect(job.name == "0000012345")
            #expect(job.state == .completed)
            #expect(await printer.wasPrinted(jobName: "0000012345") == true)
            #expect(await printer.wasPrinted(jobName: "0000099999") == false)
        }
    }

    @Test("each print is its own job; the history holds every completed name")
    func twoJobs() async throws {
        try await IPPPrinterStack.running { stack in
            let pdf = try TestPDF.make("two receipts")
            let first = cupsPrinter(stack.uri, pdf: pdf, jobName: "0000000001")
            let second = cupsPrinter(stack.uri, pdf: pdf, jobName: "0000000002")
            #expect(await printFailure(first) == nil)
            #expect(await printFailure(second) == nil)
            #expect(stack.spooledFiles.count == 2)
            #expect(second.lastJob.map(\.id) == first.lastJob.map { $0.id + 1 })
            #expect(await first.wasPrinted(jobName: "0000000002") == true)
        }
    }

    @Test("status() and readiness() read the same state: online and ready with paper")
    func statusAgrees() async throws {
        try await IPPPrinterStack.running { stack in
            let printer = cupsPrinter(stack.uri, pdf: try TestPDF.make("status"), jobName: "status")
            let status = await printer.condition().status
            #expect(status.state == .online)
            #expect(status.paper == .full)
            #expect(status.selector == stack.uri)
            #expect(await printer.readiness() == .ready(paper: .full))
        }
    }

    @Test("paper out before printing: readiness is unable(printer.paper_out), status userError")
    func paperOutBeforePrinting() async throws {
        try await IPPPrinterStack.running { stack in
            try stack.setPaper(empty: true)
            let printer = cupsPrinter(stack.uri, pdf: try TestPDF.make("no paper"), jobName: "nopaper")
            #expect(await printer.readiness() == .unable(.printerPaperOut, paper: .out))
            let status = await printer.condition().status
            #expect(status.state == .userError)
            #expect(status.paper == .out)
            try stack.setPaper(empty: false)
            #expect(await printer.readiness() == .ready(paper: .full))
        }
    }

    @Test("paper runs out with the job at the printer: the job waits, and completes once paper is loaded")
    func paperOutMidJobThenRefill() async throws {
        try await IPPPrinterStack.running { stack in
            let pdf = try TestPDF.make("waits for paper")
            let printer = cupsPrinter(stack.uri, pdf: pdf, jobName: "0000054321", jobTimeout: .seconds(20))
            try stack.setPaper(empty: true)
            let printing = Task { await printFailure(printer) }
            let waiting = await eventually { printer.lastJob?.state == .processing }
            #expect(waiting, "the job should be at the printer, waiting for paper: \(String(describing: printer.lastJob))")
            #expect(await printer.readiness() == .unable(.printerPaperOut, paper: .out))
            try stack.setPaper(empty: false)
            let failure = await printing.value
            #expect(failure == nil, "\(String(describing: failure))")
            #expect(printer.lastJob?.state == .completed)
            #expect(stack.spooledFiles.first.map(spooledBytes) == pdf)
        }
    }
}
