import Foundation

/// The sdtapi test double (Tests/tools/sdtapi-double.c), compiled by the test run into a directory
/// of its own, with its configuration beside it: which device each SDK port number opens, and a
/// control directory whose `hang` file makes the SDK call it names wait (a call that never returns).
public struct SDTAPIDouble: Sendable {
    public let directory: TemporaryDirectory
    public let libraryPath: String
    public var controlDirectory: String { directory.file("control") }

    /// Compiles the double (`complete: false` leaves out SDT_ReadBaseMsg); `ports` maps SDK port numbers to device paths.
    public static func build(ports: [Int: String], complete: Bool = true) async throws -> SDTAPIDouble {
        let directory = try TemporaryDirectory(prefix: "sdtapi")
        let library = directory.file("libsdtapi.so")
        let source = RepositoryPaths.root + "/Tests/tools/sdtapi-double.c"
        let compiled = try await ChildProcess.run("/usr/bin/cc", ["-shared", "-fPIC", "-O1", "-Wall", "-Werror"] + (complete ? [] : ["-DSDTAPI_DOUBLE_INCOMPLETE"])
                                                  + ["-o", library, source], workDirectory: directory, timeout: .seconds(120))
        guard compiled.status == 0 else { throw TestFixtureError("cc could not build \(source) (exit \(compiled.status)): \(compiled.error)") }
        try FileManager.default.createDirectory(atPath: directory.file("control"), withIntermediateDirectories: true)
        let lines = ports.sorted { $0.key < $1.key }.map { "port \($0.key) \($0.value)" } + ["control \(directory.file("control"))"]
        _ = try directory.write("libsdtapi.so.conf", lines.joined(separator: "\n") + "\n")
        return SDTAPIDouble(directory: directory, libraryPath: library)
    }

    /// From now on the named SDK call waits until `release()`.
    public func hang(_ call: String) throws {
        try call.write(toFile: controlDirectory + "/hang", atomically: true, encoding: .utf8)
    }

    public func release() {
        try? FileManager.default.removeItem(atPath: controlDirectory + "/hang")
    }
}
