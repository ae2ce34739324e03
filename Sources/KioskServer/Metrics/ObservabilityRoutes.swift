import Foundation
import Hummingbird

/// `GET {prefix}/metrics` (Prometheus text format 0.0.4) and `GET {prefix}/healthz` (200 or 503, JSON).
public enum ObservabilityRoutes {
    public static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    static func add<Context: RequestContext>(to router: Router<Context>, _ observability: Observability?, prefix: String = "") {
        guard let observability else { return }
        router.get(RouterPath(prefix + "/metrics")) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = prometheusContentType
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: await observability.metrics())))
        }
        router.get(RouterPath(prefix + "/healthz")) { _, _ in
            try healthResponse(await observability.health.evaluate())
        }
    }

    public static func healthResponse(_ report: HealthReport) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: HTTPResponse.Status(code: report.httpStatus), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(report))))
    }
}
