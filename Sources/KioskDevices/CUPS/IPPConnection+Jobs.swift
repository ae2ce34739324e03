import CCUPS
import Glibc
import KioskCore

/// Print jobs: create and send (libcups' destination API), follow, cancel, and read the job history.
extension IPPConnection {
    /// Creates a job named `jobName` with `document` as its only document and returns the job id.
    /// Throws `printerOffline` when the printer refuses jobs, `printerUnreachable` when it does not
    /// answer before the job exists, `printFailed` otherwise (a job that was created is then cancelled).
    /// `proceed` is asked just before Create-Job: false stops there, with no job.
    func submitJob(named jobName: String, document: [UInt8], mimeType: String, proceed: () -> Bool = { true }) throws(KioskError) -> Int32 {
        guard let destination = cupsGetDestWithURI(nil, printerURI) else {
            throw KioskError(.printerUnreachable, "\(printerURI) names no printer: \(Self.lastError())")
        }
        defer { cupsFreeDests(1, destination) }
        guard let info = cupsCopyDestInfo(http, destination) else {
            throw KioskError(.printerUnreachable, "the printer did not describe itself: \(Self.lastError())")
        }
        defer { cupsFreeDestInfo(info) }
        guard proceed() else { throw KioskError(.printFailed, "given up on before Create-Job") }
        var jobID: Int32 = 0
        let created = cupsCreateDestJob(http, destination, info, &jobID, jobName, 0, nil)
        guard created.rawValue < 0x0400, jobID > 0 else { throw Self.creationError(created) }
        guard cupsStartDestDocument(http, destination, info, jobID, jobName, mimeType, 0, nil, 1) == HTTP_STATUS_CONTINUE else {
            throw abandoning(jobID, "job \(jobID): Send-Document was refused: \(Self.lastError())")
        }
        let written = document.withUnsafeBytes { bytes in
            cupsWriteRequestData(http, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        guard written == HTTP_STATUS_CONTINUE else {
            throw abandoning(jobID, "job \(jobID): sending the document failed: \(Self.lastError())")
        }
        let finished = cupsFinishDestDocument(http, destination, info)
        guard finished.rawValue < 0x0400 else {
            throw abandoning(jobID, "job \(jobID): the printer refused the document: \(Self.lastError())")
        }
        return jobID
    }

    /// Get-Job-Attributes: job-state and job-state-reasons (the printer's state is not asked here).
    func jobProgress(_ jobID: Int32) throws(KioskError) -> PrintJobObservation {
        let request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI)
        ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobID)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        Self.addKeywords(request, "requested-attributes", ["job-state", "job-state-reasons"])
        guard let response = cupsDoRequest(http, request, resource) else {
            throw KioskError(.printFailed, "job \(jobID): Get-Job-Attributes failed: \(Self.lastError())")
        }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue < 0x0400 else {
            throw KioskError(.printFailed, "job \(jobID): Get-Job-Attributes refused: \(Self.lastError())")
        }
        let state = ippFindAttribute(response, "job-state", IPP_TAG_ENUM).flatMap { PrintJobState(rawValue: ippGetInteger($0, 0)) }
        return PrintJobObservation(state: state, reasons: Self.strings(ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD)))
    }

    /// Cancel-Job; false when the printer did not cancel it (it had finished, or did not answer).
    @discardableResult
    func cancelJob(_ jobID: Int32) -> Bool {
        let request = ippNewRequest(IPP_OP_CANCEL_JOB)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI)
        ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobID)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        guard let response = cupsDoRequest(http, request, resource) else { return false }
        defer { ippDelete(response) }
        return ippGetStatusCode(response).rawValue < 0x0400
    }

    struct FinishedJob: Sendable, Equatable {
        var id: Int32
        var name: String
        var state: PrintJobState
    }

    /// Get-Jobs which-jobs=completed: the printer's history of finished jobs (completed, aborted, canceled).
    /// How far back it reaches is the printer's choice: CUPS keeps up to MaxJobs (500), ippeveprinter 60 s.
    func finishedJobs() throws(KioskError) -> [FinishedJob] {
        let request = ippNewRequest(IPP_OP_GET_JOBS)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nil, "completed")
        Self.addKeywords(request, "requested-attributes", ["job-id", "job-name", "job-state"])
        guard let response = cupsDoRequest(http, request, resource) else {
            throw KioskError(.printerUnreachable, "Get-Jobs failed: \(Self.lastError())")
        }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue < 0x0400 else {
            throw KioskError(.printerUnreachable, "Get-Jobs refused: \(Self.lastError())")
        }
        var jobs: [FinishedJob] = []
        var current = FinishedJob(id: 0, name: "", state: .pending)
        // Each job is a run of job-group attributes; a separator (group tag zero) ends it.
        var attribute = ippFirstAttribute(response)
        while true {
            if attribute == nil || ippGetGroupTag(attribute) != IPP_TAG_JOB {
                if current.id > 0 { jobs.append(current) }
                current = FinishedJob(id: 0, name: "", state: .pending)
                if attribute == nil { break }
            } else if let name = ippGetName(attribute).map({ String(cString: $0) }) {
                switch name {
                case "job-id": current.id = ippGetInteger(attribute, 0)
                case "job-name": current.name = ippGetString(attribute, 0, nil).map { String(cString: $0) } ?? ""
                case "job-state": current.state = PrintJobState(rawValue: ippGetInteger(attribute, 0)) ?? .pending
                default: break
                }
            }
            attribute = ippNextAttribute(response)
        }
        return jobs
    }

    private func abandoning(_ jobID: Int32, _ message: String) -> KioskError {
        cancelJob(jobID)
        return KioskError(.printFailed, message)
    }

    private static func creationError(_ status: ipp_status_t) -> KioskError {
        let text = lastError()
        switch status {
        case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
            return KioskError(.printerOffline, "the printer is not accepting jobs: \(text)")
        case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE, IPP_STATUS_ERROR_INTERNAL, IPP_STATUS_ERROR_DEVICE:
            return KioskError(.printerUnreachable, "Create-Job got no answer: \(text)")
        default:
            return KioskError(.printFailed, "Create-Job refused: \(text)")
        }
    }

    static func lastError() -> String {
        String(cString: cupsLastErrorString())
    }

    static func strings(_ attribute: OpaquePointer?) -> [String] {
        guard let attribute else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { ippGetString(attribute, $0, nil).map { String(cString: $0) } }
    }

    static func addKeywords(_ request: OpaquePointer?, _ name: String, _ values: [String]) {
        let copies = values.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { $0.map { UnsafePointer($0) } }
        pointers.withUnsafeBufferPointer { buffer in
            _ = ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, name, Int32(buffer.count), nil, buffer.baseAddress)
        }
    }
}
