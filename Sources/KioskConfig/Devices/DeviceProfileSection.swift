import KioskCore
import TOMLKit

/// An optional `[table]` of a device model file, with errors naming the file and `table.key`.
struct DeviceProfileSection {
    let name: String
    private let table: TOMLTable
    private let profile: DeviceProfileReader

    /// nil when the file has no such table.
    init?(_ name: String, of profile: DeviceProfileReader) throws(KioskError) {
        guard let node = profile.table[name] else { return nil }
        guard let table = node.table else { throw profile.problem(name, "expected a table [\(name)]") }
        self.name = name
        self.table = table
        self.profile = profile
    }

    func problem(_ key: String, _ message: String) -> KioskError {
        profile.problem("\(name).\(key)", message)
    }

    /// A misspelt key would otherwise silently fall back to the standard value.
    func rejectUnknownKeys(known: [String]) throws(KioskError) {
        for key in table.keys.sorted() where !known.contains(key) {
            throw problem(key, "unknown key (known: \(known.joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws(KioskError) -> String? {
        guard let node = table[key] else { return nil }
        guard let value = node.string else { throw problem(key, "expected a string") }
        return value
    }

    func byte(_ key: String) throws(KioskError) -> UInt8? {
        guard let node = table[key] else { return nil }
        guard node.type == .int, let value = node.int, let byte = UInt8(exactly: value) else {
            throw problem(key, "expected an integer 0–255")
        }
        return byte
    }

    /// A hex string such as "FFB00000" (spaces allowed between bytes) of `count` bytes.
    func hexBytes(_ key: String, count: ClosedRange<Int>) throws(KioskError) -> [UInt8]? {
        guard let text = try string(key) else { return nil }
        guard let bytes = HexBytes.parse(text), count.contains(bytes.count) else {
            let size = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)–\(count.upperBound)"
            throw problem(key, "\"\(text)\" is not \(size) bytes of hex")
        }
        return bytes
    }

    /// A list of one-byte hex strings such as ["08", "09", "4E"], none repeated.
    func hexByteList(_ key: String) throws(KioskError) -> [UInt8]? {
        guard let node = table[key] else { return nil }
        guard let array = node.array else { throw problem(key, "expected a list of 2-digit hex strings") }
        var bytes: [UInt8] = []
        for element in array {
            guard let text = element.string, text.count == 2, let byte = UInt8(text, radix: 16) else {
                throw problem(key, "expected a list of 2-digit hex strings such as \"0A\"")
            }
            guard !bytes.contains(byte) else { throw problem(key, "\"\(text)\" is listed twice") }
            bytes.append(byte)
        }
        guard !bytes.isEmpty else { throw problem(key, "is empty") }
        return bytes
    }
}
