import Hummingbird
import KioskAPI
import KioskCore

/// `kioskctl selftest card|scanner|printer|screen`: a technician's check of one device with a card,
/// a phone, the test page or the test pattern. 200 with the report when the test passed, 409 with it when it failed.
enum SelftestRoutes {
    static func add(to router: Router<BasicRequestContext>, cards: (any CardDiagnostics)?, scanner: (any ScannerDiagnostics)?,
                    printer: (any PrinterDiagnostics)?, screen: ResidentServiceTools? = nil, clock: any Clock<Duration>) {
        router.post("/v1/selftest/card") { request, _ throws -> Response in
            guard let cards else { throw HTTPError(.serviceUnavailable, message: "this kioskd has no card readers configured") }
            guard let timeout = SelftestTimeout(query: request.uri.queryParameters.get("timeout")) else { return badTimeout }
            return try answer(await CardSelftest(cards: cards, timeout: timeout, clock: clock, noResidentServed: screen?.noResidentServed).run())
        }
        router.post("/v1/selftest/scanner") { request, _ throws -> Response in
            guard let scanner else { throw HTTPError(.serviceUnavailable, message: "this kioskd has no scanner configured") }
            guard let timeout = SelftestTimeout(query: request.uri.queryParameters.get("timeout")) else { return badTimeout }
            return try answer(await ScannerSelftest(scanner: scanner, timeout: timeout, clock: clock).run())
        }
        router.post("/v1/selftest/printer") { _, _ throws -> Response in
            guard let printer else { throw HTTPError(.serviceUnavailable, message: "this kioskd has no printer configured") }
            return try answer(await PrinterSelftest(printer: printer).run())
        }
        router.post("/v1/selftest/screen") { request, _ throws -> Response in
            guard let screen else { throw HTTPError(.serviceUnavailable, message: "this kioskd has no resident screen") }
            let query = request.uri.queryParameters.get("seconds")
            guard let seconds = query.map({ Int($0) }) ?? 10, ScreenSelftest.secondsAllowed.contains(seconds) else {
                return AdminJSONResponse.problem(.badRequest, code: .selftestSecondsInvalid, message: "seconds: a whole number from 1 to 60")
            }
            return try answer(await ScreenSelftest(tools: screen, seconds: seconds).run())
        }
    }

    private static func answer(_ report: SelftestReport) throws -> Response {
        try AdminJSONResponse.make(report, status: report.passed ? .ok : .conflict)
    }

    private static var badTimeout: Response {
        AdminJSONResponse.problem(.badRequest, code: .selftestTimeoutInvalid, message: SelftestTimeout.problem)
    }
}
