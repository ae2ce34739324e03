import Foundation
import Hummingbird
import KioskBackendAPI
import Logging
import NIOCore
import OpenAPIRuntime

/// Every failure leaves as application/problem+json with a stable code: a request the contract
/// cannot decode is a 400 `request.invalid` naming what is wrong; anything else is a 500 `internal`.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            if let problem = error.underlyingError as? SandboxProblem { return Self.response(problem) }
            if error.operationInput == nil {
                return Self.response(.invalid("\(error.causeDescription): \(error.underlyingError)"))
            }
            context.logger.error("operation failed", metadata: ["operation": "\(error.operationID)", "error": "\(error.underlyingError)"])
            return Self.response(SandboxProblem(500, "internal", "internal error"))
        } catch let error as HTTPError {
            return Self.response(SandboxProblem(Int(error.status.code), error.status.code == 404 ? "request.not_found" : "request.invalid",
                                                error.status.reasonPhrase, detail: error.body))
        }
    }

    static func response(_ problem: SandboxProblem) -> Response {
        let data = (try? JSONEncoder().encode(problem.body)) ?? Data()
        return Response(
            status: .init(code: problem.status),
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
