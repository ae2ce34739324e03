import AsyncHTTPClient
import Foundation
import KioskTesting
import NIOCore
import NIOHTTP1
import NIOFoundationCompat
import NIOSSL

/// Plain AsyncHTTPClient requests with the fixture's client certificate: for what the generated client cannot send.
enum RawHTTPS {
    static func send(_ fixture: SandboxFixture, method: HTTPMethod, path: String, headers: [(String, String)] = [], body: String? = nil) async throws -> (status: Int, contentType: String?, body: String) {
        let settings = try SandboxFixture.clientSettings(port: fixture.port, authority: fixture.authority, directory: fixture.directory)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(settings.caFile ?? ""))
        tls.certificateChain = try NIOSSLCertificate.fromPEMFile(settings.clientCertificate ?? "").map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: settings.clientKey ?? "", format: .pem))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(tlsConfiguration: tls))
        defer { _ = client.shutdown() }
        var request = HTTPClientRequest(url: "https://localhost:\(fixture.port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "content-type"), String(buffer: bytes))
    }
}
