import Foundation
import KioskTesting
import Testing

@Suite("kioskd --check-config and kioskctl config validate")
struct ConfigCommandTests {
    static let invalid = """
        [kiosk]
        id = "K-1"
        region = "320600"
        insurance_year = 2021
        colour = "yellow"

        [backend]
        url = "http://127.0.0.1:9/"

        [devices]
        printer = "htp://x"
        """

    @Test("the shipped kiosk.conf validates with both tools")
    func shippedFileValidates() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let daemon = try await ChildProcess.run(RepositoryPaths.binary("kioskd"), ["--check-config", RepositoryPaths.shippedConfiguration], workDirectory: work)
        #expect(daemon.status == 0, "\(daemon.error)")
        #expect(daemon.output.contains("valid"))
        let control = try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), ["config", "validate", RepositoryPaths.shippedConfiguration], workDirectory: work)
        #expect(control.status == 0, "\(control.output)")
    }

    @Test("an invalid file exits non-zero and lists every problem with key path and line")
    func invalidFileFails() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let path = try work.write("bad.conf", Self.invalid)
        let daemon = try await ChildProcess.run(RepositoryPaths.binary("kioskd"), ["--check-config", path], workDirectory: work)
        #expect(daemon.status == 78)
        #expect(daemon.error.contains(#"devices.printer: "htp://x" is not an ipp://, ipps:// or cups: URI (nor auto or simulated) (line 11)"#))
        #expect(daemon.error.contains("kiosk.colour: is not a known key here (line 5)"))

        let control = try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), ["config", "validate", path], workDirectory: work)
        #expect(control.status == 1)
        #expect(control.output.contains("2 problems"))

        let json = try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), ["config", "validate", "--json", path], workDirectory: work)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.compactMap { $0["keyPath"] as? String }.sorted() == ["devices.printer", "kiosk.colour"])
        #expect(problems.compactMap { $0["line"] as? Int }.sorted() == [5, 11])
    }

    @Test("kioskctl status explains an unreachable socket and exits non-zero")
    func statusWithoutDaemon() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let result = try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), ["status", "--socket", work.file("none.sock")], workDirectory: work)
        #expect(result.status != 0)
        #expect(result.error.contains("cannot reach kioskd at \(work.file("none.sock"))"))
    }
}
