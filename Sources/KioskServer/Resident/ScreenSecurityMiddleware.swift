import Hummingbird

/// The resident page may load only what kioskd serves: no network asset, no foreign script, no
/// framing by another page. Nothing is cached, so a new version shows on the next load.
struct ScreenSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; media-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        // The page's files are UTF-8 (Chinese text): say so rather than let the browser guess.
        if let type = response.headers[.contentType], !type.contains("charset"),
           type.hasPrefix("text/") || type.hasSuffix("javascript") {
            response.headers[.contentType] = type + "; charset=utf-8"
        }
        return response
    }
}
