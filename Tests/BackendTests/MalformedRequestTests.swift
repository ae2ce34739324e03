import Foundation
import Testing

@Suite("sandbox backend: malformed requests get a 4xx problem")
struct MalformedRequestTests {
    @Test("broken JSON, a missing field, a missing Idempotency-Key and an unknown path each get a problem body", arguments: [
        ("POST", "/kiosk/v1/payments", [("Idempotency-Key", "key-malformed-1"), ("Content-Type", "application/json")], "{not json", 400),
        ("POST", "/kiosk/v1/payments", [("Idempotency-Key", "key-malformed-2"), ("Content-Type", "application/json")], #"{"person_ref":"psn_x"}"#, 400),
        ("POST", "/kiosk/v1/payments", [("Content-Type", "application/json")],
         #"{"person_ref":"psn_0123456789ab","year":2021,"tier":"basic","amount_fen":43000,"method":"qr","kiosk_id":"K1"}"#, 400),
        ("POST", "/kiosk/v1/identities/resolve", [("Content-Type", "application/json")], #"{"method":"fingerprint"}"#, 400),
        ("GET", "/kiosk/v1/no-such-thing", [], nil, 404),
    ] as [(String, String, [(String, String)], String?, Int)])
    func problem(method: String, path: String, headers: [(String, String)], body: String?, status: Int) async throws {
        try await withSandbox { sandbox in
            let response = try await RawHTTPS.send(sandbox, method: .init(rawValue: method), path: path, headers: headers, body: body)
            #expect(response.status == status, "\(response.body)")
            #expect(response.contentType == "application/problem+json")
            let problem = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            #expect((problem?["code"] as? String)?.isEmpty == false, "\(response.body)")
            #expect(problem?["status"] as? Int == status)
        }
    }
}
