import Foundation
import KioskCore
import KioskDevices
import KioskTesting
import Testing

/// CUPSPrinter through a real CUPS queue: a private cupsd (Tests/KioskTesting/PrivateCUPSStack.swift)
/// whose raw queue sends to an ippeveprinter.
@Suite("CUPSPrinter: printing through a private cupsd queue", .timeLimit(.minutes(1)))
struct CUPSQueueTests {
    @Test("a PDF prints through the queue: the printer behind it receives the same bytes; the queue's history finds the job")
    func printsThroughQueue() async throws {
        try await PrivateCUPSStack.running { cups in
            let pdf = try TestPDF.make("through CUPS")
            let printer = cupsPrinter(cups.queueURI, pdf: pdf, jobName: "0000031415")
            #expect(await printer.readiness() == .ready(paper: .full))
            let failure = await printFailure(printer)
            #expect(failure == nil, "\(String(describing: failure)) — \(cups.log)")
            #expect(printer.lastJob?.state == .completed)
            #expect(cups.printer.spooledFiles.first.map(spooledBytes) == pdf)
            #expect(await printer.wasPrinted(jobName: "0000031415") == true)
            #expect(await printer.wasPrinted(jobName: "0000027182") == false)
        }
    }

    @Test("a queue that rejects jobs (cupsreject): readiness unable(printer.offline), print fails before any job exists")
    func rejecting() async throws {
        try await PrivateCUPSStack.running { cups in
            let printer = cupsPrinter(cups.queueURI, pdf: try TestPDF.make("rejected"), jobName: "rejected")
            try await cups.reject()
            #expect(await printer.readiness() == .unable(.printerOffline, paper: .full))
            let status = await printer.condition().status
            #expect(status.state == .offline)
            #expect(status.detail.contains("not accepting jobs"), "\(status.detail)")
            let failure = try #require(await printFailure(printer))
            #expect(failure.code == .printerOffline, "\(failure)")
            #expect(printer.lastJob == nil, "no job was created")
            #expect(cups.printer.spooledFiles.isEmpty)
            try await cups.accept()
            #expect(await printer.readiness() == .ready(paper: .full))
        }
    }

    @Test("a stopped queue (cupsdisable): readiness unable(printer.offline); a job waits and times out as printer.offline")
    func disabled() async throws {
        try await PrivateCUPSStack.running { cups in
            let printer = cupsPrinter(cups.queueURI, pdf: try TestPDF.make("stopped"), jobName: "stopped", jobTimeout: .seconds(2))
            try await cups.disable()
            #expect(await printer.readiness() == .unable(.printerOffline, paper: .full))
            let failure = try #require(await printFailure(printer))
            #expect(failure.code == .printerOffline, "\(failure)")
            #expect(failure.message.contains("still pending after 2 s"), "\(failure)")
            #expect(cups.printer.spooledFiles.isEmpty)
        }
    }
}
