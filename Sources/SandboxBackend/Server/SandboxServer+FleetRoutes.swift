import Foundation
import Hummingbird
import KioskBackendAPI
import KioskConfig
import KioskCore

/// The operator's side of the fleet, outside the kiosk contract: publish a signed bundle
/// (`kioskctl config push --backend`), and see one kiosk's desired against reported configuration.
enum FleetRoutes {
    struct KioskTwin: Encodable {
        var kioskID: String
        var desired: PublishedBundle?
        var reported: BackendStateReport?

        enum CodingKeys: String, CodingKey {
            case desired, reported
            case kioskID = "kiosk_id"
        }
    }

    struct Refusal: Encodable {
        var code: String
        var message: String
    }

    static let bodyLimit = 1 << 20

    static func register(on router: Router<BasicRequestContext>, backend: SandboxBackend) {
        router.put("/sandbox/fleet/bundles") { request, _ -> Response in
            let body = try await request.body.collect(upTo: bodyLimit)
            do throws(KioskError) {
                let published = try backend.publish(try ConfigBundle.decode(Data(buffer: body)))
                return json(published, status: .created)
            } catch {
                return json(Refusal(code: error.code.rawValue, message: error.message), status: error.code == .sandboxStoreFailed ? .internalServerError : .unprocessableContent)
            }
        }
        router.get("/sandbox/fleet/kiosks/:id") { request, context -> Response in
            let kioskID = try context.parameters.require("id")
            let region = request.uri.queryParameters["region"].map(String.init)
            let desired = try await backend.desiredBundle(kioskID: kioskID, region: region)?.published
            return json(KioskTwin(kioskID: kioskID, desired: desired, reported: try await backend.latestState(kioskID: kioskID)), status: .ok)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
