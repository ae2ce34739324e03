import KioskBackendAPI
import KioskCore
import Testing

/// Expects `body` to throw a KioskError with `code` (and, for backend rejections, the problem code).
@discardableResult
func expectKioskError<T>(
    _ code: KioskError.Code, problem: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> KioskError? {
    do {
        let value = try await body()
        Issue.record("expected \(code), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as KioskError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let problem { #expect(error.backendProblem?.code == problem, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected KioskError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
