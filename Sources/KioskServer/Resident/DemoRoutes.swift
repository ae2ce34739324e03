import Foundation
import Hummingbird
import KioskCore

/// `/demo/api/…`: the demo control panel's requests (only when kioskd runs with `--demo`).
enum DemoRoutes {
    struct CardRequest: Decodable { var kind: CardKind; var resident: Int? }
    struct PayCodeRequest: Decodable { var channel: PayCode.Channel; var outcome: String? }
    struct ResidentRequest: Decodable { var resident: Int }
    struct TextRequest: Decodable { var text: String }
    struct ChannelRequest: Decodable { var channel: PayCode.Channel? }
    struct PaperRequest: Decodable { var paper: PaperSupply }
    struct BackendRequest: Decodable { var up: Bool }
    struct Done: Encodable { var ok = true }
    struct Residents: Encodable { var residents: [DemoResidentInfo] }

    static func add(to router: Router<BasicRequestContext>, controls: any DemoControls) {
        router.get("/demo/api/residents") { _, _ in try CardRoutes.json(Residents(residents: await controls.residents())) }
        router.get("/demo/api/state") { _, _ in try CardRoutes.json(await controls.state()) }
        router.get("/demo/api/receipt.png") { _, _ throws -> Response in
            guard let image = await controls.lastReceiptImage() else { throw HTTPError(.notFound, message: "the simulated printer has printed nothing yet") }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: image)))
        }
        router.post("/demo/api/card") { request, context in
            let body = try await decode(CardRequest.self, request, context)
            guard let resident = body.resident else { throw HTTPError(.badRequest, message: "\"resident\" (an index from /demo/api/residents) is required") }
            return try await run { () throws(KioskError) in try await controls.insertCard(body.kind, resident: resident) }
        }
        router.post("/demo/api/card/remove") { request, context in
            let body = try await decode(CardRequest.self, request, context)
            await controls.removeCard(body.kind)
            return try CardRoutes.json(Done())
        }
        router.post("/demo/api/scan/paycode") { request, context in
            let body = try await decode(PayCodeRequest.self, request, context)
            return try await run { () throws(KioskError) in try await controls.scanPayCode(channel: body.channel, outcome: body.outcome ?? "succeed") }
        }
        router.post("/demo/api/scan/essc") { request, context in
            let body = try await decode(ResidentRequest.self, request, context)
            return try await run { () throws(KioskError) in try await controls.scanESSC(resident: body.resident) }
        }
        router.post("/demo/api/scan/text") { request, context in
            let body = try await decode(TextRequest.self, request, context)
            await controls.scan(text: body.text)
            return try CardRoutes.json(Done())
        }
        router.post("/demo/api/qr-paid") { request, context in
            let body = try await decode(ChannelRequest.self, request, context)
            return try await run { () throws(KioskError) in try await controls.payShownQR(channel: body.channel ?? .wechat) }
        }
        router.post("/demo/api/printer") { request, context in
            let body = try await decode(PaperRequest.self, request, context)
            await controls.setPaper(body.paper)
            return try CardRoutes.json(Done())
        }
        router.post("/demo/api/terminal") { request, context in
            let step = try await decode(DemoTerminalStep.self, request, context)
            return try await run { () throws(KioskError) in try await controls.terminal(step) }
        }
        router.post("/demo/api/backend") { request, context in
            let body = try await decode(BackendRequest.self, request, context)
            await controls.setBackend(up: body.up)
            return try CardRoutes.json(Done())
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: BasicRequestContext) async throws -> T {
        do {
            return try await request.decode(as: type, context: context)
        } catch {
            throw HTTPError(.badRequest, message: "the body is not the JSON this endpoint takes: \(error)")
        }
    }

    /// A refused demo step (no such resident, no QR on the screen) is a 409 naming why.
    static func run(_ step: () async throws(KioskError) -> Void) async throws -> Response {
        do throws(KioskError) {
            try await step()
        } catch {
            return CardRoutes.problem(status: .conflict, error)
        }
        return try CardRoutes.json(Done())
    }
}
