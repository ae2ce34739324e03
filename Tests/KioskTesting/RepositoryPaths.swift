import Foundation

/// Where the repository and the built executables are, for tests that run the real programs.
public enum RepositoryPaths {
    /// The repository root (this file lives in Tests/KioskTesting/).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var devicesDatabase: String { root + "/Devices" }
    public static var shippedConfiguration: String { root + "/kiosk.conf" }
    public static var uiRoot: String { root + "/Sources/KioskServer/UI" }

    /// The build products folder: the test bundle is built next to kioskd and kioskctl.
    public static let binaries: String = {
        if let explicit = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"] { return explicit }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On Linux the test binary is …/debug/<package>PackageTests.xctest itself.
        while folder.pathComponents.count > 1, !FileManager.default.fileExists(atPath: folder.appendingPathComponent("kioskd").path) {
            folder.deleteLastPathComponent()
        }
        return folder.path
    }()

    public static func binary(_ name: String) -> String { binaries + "/" + name }

    /// A built executable; a missing one fails the test loudly.
    public static func requiredBinary(_ name: String) throws -> String {
        let path = binary(name)
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFixtureError("\(path) is missing: build with `swift build --build-tests` first")
        }
        return path
    }
}
