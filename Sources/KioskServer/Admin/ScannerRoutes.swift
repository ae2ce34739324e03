import Hummingbird
import KioskCore

extension ScannerInfo: ResponseEncodable {}

/// `kioskctl scanner …`: the scanner now, and a live NDJSON stream of its events and masked scans.
enum ScannerRoutes {
    static func add(to router: Router<BasicRequestContext>, scanner: (any ScannerDiagnostics)?) {
        router.get("/v1/scanner") { _, _ throws -> Response in
            guard let scanner else { throw unavailable }
            return try CardRoutes.json(await scanner.scannerInfo())
        }
        router.get("/v1/scanner/watch") { _, _ throws -> Response in
            guard let scanner else { throw unavailable }
            return NDJSONStream.response(scanner.watch())
        }
    }

    private static let unavailable = HTTPError(.serviceUnavailable, message: "this kioskd has no scanner configured")
}
