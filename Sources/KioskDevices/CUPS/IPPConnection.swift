import CCUPS
import Glibc
import KioskCore

/// One HTTP connection to an IPP printer or CUPS server. Every libcups call of the kiosk goes through here.
final class IPPConnection {
    let http: OpaquePointer
    let printerURI: String
    let resource: String

    /// Connects to the printer an `ipp://`/`ipps://` URI names, failing after `timeoutMilliseconds`.
    init(printerURI: String, timeoutMilliseconds: Int32) throws(KioskError) {
        var scheme = [CChar](repeating: 0, count: 32)
        var username = [CChar](repeating: 0, count: 256)
        var host = [CChar](repeating: 0, count: 256)
        var resource = [CChar](repeating: 0, count: 1024)
        var port: Int32 = 0
        let status = httpSeparateURI(HTTP_URI_CODING_ALL, printerURI, &scheme, 32, &username, 256, &host, 256, &port, &resource, 1024)
        guard status.rawValue >= HTTP_URI_STATUS_OK.rawValue else {
            throw KioskError(.printerUnreachable, "\(printerURI) is not a valid printer URI")
        }
        let encryption = String(cString: scheme) == "ipps" ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED
        self.http = try Self.connect(host: String(cString: host), port: port, encryption: encryption, timeoutMilliseconds: timeoutMilliseconds)
        self.printerURI = printerURI
        self.resource = String(cString: resource)
    }

    /// Connects to the local CUPS server for one of its queues.
    init(cupsQueue queue: String, timeoutMilliseconds: Int32) throws(KioskError) {
        let server = String(cString: cupsServer())
        self.http = try Self.connect(host: server, port: ippPort(), encryption: cupsEncryption(), timeoutMilliseconds: timeoutMilliseconds)
        self.printerURI = "ipp://localhost/printers/\(queue)"
        self.resource = "/printers/\(queue)"
    }

    deinit { httpClose(http) }

    private static func connect(host: String, port: Int32, encryption: http_encryption_t, timeoutMilliseconds: Int32) throws(KioskError) -> OpaquePointer {
        guard let http = httpConnect2(host, port, nil, AF_UNSPEC, encryption, 1, timeoutMilliseconds, nil) else {
            throw KioskError(.printerUnreachable, "cannot connect to \(host):\(port): \(String(cString: cupsLastErrorString()))")
        }
        // A hung printer would otherwise block an IPP request for about a minute.
        httpSetTimeout(http, Double(timeoutMilliseconds) / 1000, nil, nil)
        return http
    }

    func printerState() throws(KioskError) -> IPPPrinterState {
        let request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI)
        guard let response = cupsDoRequest(http, request, resource) else {
            throw KioskError(.printerUnreachable, "Get-Printer-Attributes failed: \(String(cString: cupsLastErrorString()))")
        }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue < 0x0400 else {
            throw KioskError(.printerUnreachable, "Get-Printer-Attributes refused: \(String(cString: cupsLastErrorString()))")
        }
        let state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 0
        var reasons: [String] = []
        if let attribute = ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD) {
            for index in 0..<ippGetCount(attribute) {
                if let text = ippGetString(attribute, index, nil) { reasons.append(Self.strippingSeverity(String(cString: text))) }
            }
        }
        let model = ippFindAttribute(response, "printer-make-and-model", IPP_TAG_TEXT).flatMap { ippGetString($0, 0, nil) }.map { String(cString: $0) } ?? ""
        let accepting = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN).map { ippGetBoolean($0, 0) != 0 } ?? true
        return IPPPrinterState(state: state, reasons: reasons.filter { $0 != "none" }, makeAndModel: model, isAcceptingJobs: accepting)
    }

    static func strippingSeverity(_ reason: String) -> String {
        for suffix in ["-report", "-warning", "-error"] where reason.hasSuffix(suffix) {
            return String(reason.dropLast(suffix.count))
        }
        return reason
    }

    /// The queue name of CUPS's default destination, or nil when there is none.
    static func defaultQueueName() -> String? {
        guard let destination = cupsGetNamedDest(kiosk_cups_http_default(), nil, nil) else { return nil }
        defer { cupsFreeDests(1, destination) }
        return String(cString: destination.pointee.name)
    }
}
