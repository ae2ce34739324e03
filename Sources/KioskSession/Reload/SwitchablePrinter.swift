import KioskCore
import Synchronization

/// The receipt printer every part of kioskd holds, whose driver a configuration update can replace
/// (another destination, model or job timeout). A print already under way finishes on its driver.
public final class SwitchablePrinter: ReceiptPrinter, PrinterDiagnostics, ReceiptHistory {
    public struct Driver: Sendable {
        public var printer: any ReceiptPrinter
        public var diagnostics: any PrinterDiagnostics
        public var history: (any ReceiptHistory)?

        public init(printer: any ReceiptPrinter, diagnostics: any PrinterDiagnostics, history: (any ReceiptHistory)?) {
            self.printer = printer
            self.diagnostics = diagnostics
            self.history = history
        }
    }

    private let current: Mutex<Driver>

    public init(_ driver: Driver) {
        current = Mutex(driver)
    }

    public var driver: Driver { current.withLock { $0 } }

    public func replace(with driver: Driver) {
        current.withLock { $0 = driver }
    }

    public func readiness() async -> PrinterReadiness {
        await driver.printer.readiness()
    }

    public func print(_ document: ReceiptDocument) async throws(KioskError) {
        try await driver.printer.print(document)
    }

    public func printerInfo() async -> PrinterInfo {
        await driver.diagnostics.printerInfo()
    }

    public func printTestPage() async throws(KioskError) -> PrinterInfo {
        try await driver.diagnostics.printTestPage()
    }

    public func wasPrinted(_ document: ReceiptDocument) async -> Bool? {
        await driver.history?.wasPrinted(document)
    }
}
