import Foundation
import Hummingbird
import NIOCore

/// A live stream of events as newline-delimited JSON, one object per line (`kioskctl … watch`).
enum NDJSONStream {
    static func response<Event: Encodable & Sendable>(_ events: AsyncStream<Event>) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for await event in events {
                var line = try encoder.encode(event)
                line.append(0x0A)
                try await writer.write(ByteBuffer(bytes: line))
            }
            try await writer.finish(nil)
        })
    }
}
