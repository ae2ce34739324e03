import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle

/// A live stream of events as newline-delimited JSON, one object per line (`kioskctl … watch`). It
/// ends when kioskd stops: a watcher that sees no event (or has gone away unnoticed) must not hold
/// the admin server open.
enum NDJSONStream {
    static func response<Event: Encodable & Sendable>(_ events: AsyncStream<Event>) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for await event in events.cancelOnGracefulShutdown() {
                var line = try encoder.encode(event)
                line.append(0x0A)
                try await writer.write(ByteBuffer(bytes: line))
            }
            try await writer.finish(nil)
        })
    }
}
