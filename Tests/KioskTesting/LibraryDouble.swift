import Foundation

/// A vendor library's test double (Tests/tools/*-double.c), compiled by the test run into a
/// directory of its own, with its configuration beside it (`<library>.conf`) and a control
/// directory: a `hang` file naming an exported call makes that call wait (a call that never
/// returns) until `release()`; other files steer the double's faults.
public struct LibraryDouble: Sendable {
    public let directory: TemporaryDirectory
    public let libraryPath: String
    public var controlDirectory: String { directory.file("control") }

    /// The sdtapi double (Tests/tools/sdtapi-double.c): `ports` maps the SDK's port numbers to serial
    /// devices; `complete: false` leaves out SDT_ReadBaseMsg.
    public static func sdtapi(ports: [Int: String], complete: Bool = true) async throws -> LibraryDouble {
        try await build(source: "sdtapi-double.c", library: "libsdtapi.so", defines: complete ? [] : ["SDTAPI_DOUBLE_INCOMPLETE"], linking: [],
                        configuration: ports.sorted { $0.key < $1.key }.map { "port \($0.key) \($0.value)" })
    }

    /// The standard SSC library's double (Tests/tools/sscard-driver-double.c) on the PC/SC `reader`,
    /// its PSAM's terminal numbers `terminal`, the reader's `serialNumber`; `complete: false` leaves out
    /// iReadCardBas, `readerInfo` says how it has the vendor extension iGetReaderInfo.
    public static func sscDriver(reader: String, terminal: (number: String, device: String) = ("410100813475", "KIOSKTEST01"),
                                 serialNumber: String = "SSCDOUBLE0001", complete: Bool = true, readerInfo: ReaderInfo = .declared) async throws -> LibraryDouble {
        try await build(source: "sscard-driver-double.c", library: "libSSCardDriver.so",
                        defines: (complete ? [] : ["SSCARD_DOUBLE_INCOMPLETE"]) + readerInfo.defines,
                        linking: ["-I/usr/include/PCSC", "-lpcsclite"],
                        configuration: ["reader \(reader)", "terminal \(terminal.number) \(terminal.device)", "serial \(serialNumber)"])
    }

    /// How the SSC library's double has `iGetReaderInfo`.
    public enum ReaderInfo: Sendable {
        /// `(char *pReaderSN, char *pPsamTermNo)`, as the vendor headers declare it.
        case declared
        /// The PSAM's terminal number first, as one province's SiCardDriver declares it.
        case psamFirst
        /// Not exported (the interface's core set alone).
        case absent

        var defines: [String] {
            switch self {
            case .declared: []
            case .psamFirst: ["SSCARD_DOUBLE_READER_INFO_PSAM_FIRST"]
            case .absent: ["SSCARD_DOUBLE_NO_READER_INFO"]
            }
        }
    }

    static func build(source: String, library: String, defines: [String], linking: [String], configuration: [String]) async throws -> LibraryDouble {
        let directory = try TemporaryDirectory(prefix: "double")
        let path = directory.file(library)
        let sourcePath = RepositoryPaths.root + "/Tests/tools/" + source
        let arguments = ["-shared", "-fPIC", "-O1"] + defines.map { "-D" + $0 } + ["-o", path, sourcePath] + linking
        let compiled = try await ChildProcess.run("/usr/bin/cc", arguments, workDirectory: directory, timeout: .seconds(120))
        guard compiled.status == 0 else { throw TestFixtureError("cc could not build \(sourcePath) (exit \(compiled.status)): \(compiled.error)") }
        try FileManager.default.createDirectory(atPath: directory.file("control"), withIntermediateDirectories: true)
        _ = try directory.write(library + ".conf", (configuration + ["control \(directory.file("control"))"]).joined(separator: "\n") + "\n")
        return LibraryDouble(directory: directory, libraryPath: path)
    }

    /// The library moved to `<name>.<version>` with its path a link to it, as vendors install libraries.
    public func installAsVersionedFile(_ version: String) throws {
        let versioned = libraryPath + "." + version
        try FileManager.default.moveItem(atPath: libraryPath, toPath: versioned)
        try FileManager.default.createSymbolicLink(atPath: libraryPath, withDestinationPath: versioned)
    }

    /// From now on the named exported call waits until `release()`.
    public func hang(_ call: String) throws {
        try control("hang", call)
    }

    public func release() {
        try? FileManager.default.removeItem(atPath: controlDirectory + "/hang")
    }

    /// Writes (or with nil removes) the control file `name`.
    public func control(_ name: String, _ contents: String?) throws {
        let path = controlDirectory + "/" + name
        if let contents {
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
