import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
/// Unix socket paths must stay short (107 bytes), so names are short too.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "kiosk") throws {
        let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix).XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else {
            throw TestFixtureError("mkdtemp failed for \(template): errno \(errno)")
        }
        path = String(cString: created)
    }

    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

public struct TestFixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
