import Hummingbird
import KioskCore

extension PrinterInfo: ResponseEncodable {}

/// `kioskctl printer …`: the printer's state, supplies and last job; the technician test page.
enum PrinterRoutes {
    static func add(to router: Router<BasicRequestContext>, printer: (any PrinterDiagnostics)?) {
        router.get("/v1/printer") { _, _ throws -> Response in
            guard let printer else { throw unavailable }
            return try CardRoutes.json(await printer.printerInfo())
        }
        router.post("/v1/printer/test") { _, _ throws -> Response in
            guard let printer else { throw unavailable }
            let info: PrinterInfo
            do throws(KioskError) {
                info = try await printer.printTestPage()
            } catch {
                return CardRoutes.problem(status: .conflict, error)
            }
            return try CardRoutes.json(info)
        }
    }

    private static let unavailable = HTTPError(.serviceUnavailable, message: "this kioskd has no printer configured")
}
