import Foundation

/// What technicians see of the receipt printer through the admin API (`kioskctl printer …`).
public protocol PrinterDiagnostics: Sendable {
    /// The printer as it is now: state, supplies, whether a receipt could be printed, the last job.
    func printerInfo() async -> PrinterInfo
    /// Prints the technician test page and returns the printer as it is afterwards.
    func printTestPage() async throws(KioskError) -> PrinterInfo
}

public struct PrinterInfo: Sendable, Codable, Equatable {
    /// The same line `kioskctl status` shows for the printer.
    public var status: DeviceStatus
    /// Whether a resident's receipt could be printed now, and if not the code the screen shows.
    public var canPrint: Bool
    public var problem: String?
    /// The `Devices/printers` profile in use and what it says.
    public var model: String
    public var paperWidthMillimetres: Int
    public var dotsPerInch: Int
    public var format: String
    public var lastJob: PrinterJobInfo?

    public init(status: DeviceStatus, readiness: PrinterReadiness, model: PrinterModel, lastJob: PrinterJobInfo?) {
        self.status = status
        canPrint = readiness.canPrint
        problem = readiness.problem?.rawValue
        self.model = model.id
        paperWidthMillimetres = model.paperWidthMillimetres
        dotsPerInch = model.dotsPerInch
        format = model.format.profileName
        self.lastJob = lastJob
    }
}

/// One print job as the printer reported it last.
public struct PrinterJobInfo: Sendable, Codable, Equatable {
    public var id: Int
    public var name: String
    /// The IPP job-state keyword: pending, pending-held, processing, processing-stopped, canceled, aborted or completed.
    public var state: String
    public var reasons: [String]
    public var updatedAt: Date

    public init(id: Int, name: String, state: String, reasons: [String], updatedAt: Date) {
        self.id = id
        self.name = name
        self.state = state
        self.reasons = reasons
        self.updatedAt = updatedAt
    }
}
