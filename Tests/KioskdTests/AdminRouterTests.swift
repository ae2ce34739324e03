import Foundation
import Hummingbird
import HummingbirdTesting
import KioskAPI
import KioskCore
import KioskServer
import Testing

/// The admin API's routes on the in-process kiosk's own status and maintenance control, through
/// HummingbirdTesting's router client: no socket, no process.
@Suite("admin API routes in-process")
struct AdminRouterTests {
    @Test("a missing, empty, too long or multi-line maintenance reason is a 400 naming what is wrong; nothing changes")
    func badReasonIsRefused() async throws {
        try await InProcessKiosk.with { fixture in
            let status = fixture.kiosk.status
            let application = Application(router: AdminRouter.make(status: status, cards: nil, maintenance: status))
            try await application.test(.router) { client in
                let cases: [(body: String, code: String, message: String)] = [
                    (#"{"on":true}"#, "maintenance.reason_invalid", "reason: required to turn maintenance on (1–200 characters"),
                    ("on please", "admin.body_invalid", #"the body must be JSON {"on": true, "reason": "…"} or {"on": false}"#),
                    (#"{"on":true,"reason":"  "}"#, "maintenance.reason_invalid", "reason: empty"),
                    (#"{"on":true,"reason":"\#(String(repeating: "纸", count: 201))"}"#, "maintenance.reason_invalid", "reason: 201 characters; at most 200"),
                    (#"{"on":true,"reason":"换纸\n并重启"}"#, "maintenance.reason_invalid",
                     "reason: contains the control character U+000A; use one line of plain text"),
                    (#"{"on":true,"reason":"换纸\u001b[2J"}"#, "maintenance.reason_invalid", "reason: contains the control character U+001B"),
                ]
                for (body, code, message) in cases {
                    try await client.execute(uri: "/v1/maintenance", method: .post, headers: [.contentType: "application/json"],
                                             body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .badRequest, "\(body)")
                        let problem = try JSONDecoder().decode(AdminProblem.self, from: Data(buffer: response.body))
                        #expect(problem.code == code && problem.message.hasPrefix(message), "\(body): \(problem)")
                    }
                }
                try await client.execute(uri: "/v1/maintenance", method: .get) { response in
                    let current = try JSONDecoder().decode(MaintenanceStatus.self, from: Data(buffer: response.body))
                    #expect(current.state == .off && current.reason == nil, "nothing changed: \(current)")
                }
                let longest = String(repeating: "纸", count: 200)
                try await client.execute(uri: "/v1/maintenance", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"on":true,"reason":"\#(longest)"}"#)) { response in
                    #expect(response.status == .ok, "200 characters are allowed")
                }
                try await client.execute(uri: "/v1/status", method: .get) { response in
                    let decoder = JSONDecoder()
                    decoder.dateDecodingStrategy = .iso8601
                    let current = try decoder.decode(KioskStatus.self, from: Data(buffer: response.body))
                    #expect(current.maintenance?.reason == longest && current.maintenance?.state == .active, "\(String(describing: current.maintenance))")
                }
            }
        }
    }
}
