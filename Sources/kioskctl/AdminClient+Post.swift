import ArgumentParser
import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

extension AdminClient {
    /// POSTs `body` as JSON and decodes the answer; statuses in `accepting` besides 200 also carry
    /// an answer (a failed self-test's report is a 409), any other status is kioskd's problem.
    func post<Answer: Decodable>(_ path: String, json body: (any Encodable)? = nil, accepting: Set<UInt> = [],
                                 timeout: TimeAmount = .seconds(15)) async throws -> (status: UInt, answer: Answer) {
        let response = try await send(path, method: .POST, json: body, timeout: timeout)
        let answer = try await response.body.collect(upTo: 4 << 20)
        let status = response.status.code
        guard status == 200 || accepting.contains(status) else { throw Self.failure(path, status, answer) }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return (status, try decoder.decode(Answer.self, from: Data(buffer: answer)))
        } catch {
            throw AdminClientError("kioskd's answer to \(path) is not what this kioskctl understands: \(error)")
        }
    }
}
