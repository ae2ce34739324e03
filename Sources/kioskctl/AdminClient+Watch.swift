import Foundation
import NIOCore
import NIOFoundationCompat

extension AdminClient {
    /// Follows an NDJSON event stream (`… watch`), printing each event as one line as soon as it
    /// arrives, until `count` events have been printed or kioskd ends the stream.
    func follow<Event: Decodable>(_ path: String, as _: Event.Type, count: Int?, render: (Event) throws -> String) async throws {
        let response = try await send(path, timeout: .hours(24 * 365))
        guard response.status == .ok else {
            let body = try await response.body.collect(upTo: 1 << 20)
            throw AdminClient.failure(path, response.status.code, body)
        }
        var pending = Data()
        var printed = 0
        for try await chunk in response.body {
            pending.append(Data(buffer: chunk))
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                pending.removeSubrange(pending.startIndex...newline)
                let event = try JSONDecoder().decode(Event.self, from: line)
                // Unbuffered: a technician (or a script) sees each event as it happens.
                FileHandle.standardOutput.write(Data((try render(event) + "\n").utf8))
                printed += 1
                if let count, printed >= count { return }
            }
        }
        throw AdminClientError("kioskd ended the event stream (it is stopping)")
    }
}
