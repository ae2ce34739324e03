import KioskCore

extension CUPSPrinter: ReceiptHistory {
    public func wasPrinted(_ document: ReceiptDocument) async -> Bool? {
        await wasPrinted(jobName: Self.jobName(for: document))
    }
}
