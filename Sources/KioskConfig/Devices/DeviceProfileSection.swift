import KioskCore

/// An optional `[table]` of a device model file, read with the kiosk's TOML reader; problems name
/// the file, line and `table.key`, and the value read is then nil.
struct DeviceProfileSection {
    let name: String
    let table: TOMLTableReader
    let profile: DeviceProfileReader

    func report(_ key: String, _ message: String) {
        profile.report("\(name).\(key)", message)
    }

    func problem<Value>(_ key: String, _ message: String) -> Value? {
        profile.problem("\(name).\(key)", message)
    }

    func has(_ key: String) -> Bool { table.has(key) }

    func string(_ key: String) -> String? { table.optional(key, .string) }

    func byte(_ key: String) -> UInt8? { table.optional(key, TOMLValueKind<UInt8>.byte) }

    /// A hex string such as "FFB00000" (spaces allowed between bytes) of `count` bytes.
    func hexBytes(_ key: String, count: ClosedRange<Int>) -> [UInt8]? { table.optional(key, .hexBytes(count: count)) }

    /// A list of one-byte hex strings such as ["08", "09", "4E"], none repeated.
    func hexByteList(_ key: String) -> [UInt8]? { table.optional(key, TOMLValueKind<[UInt8]>.hexByteList) }
}

extension TOMLValueKind where Value == UInt8 {
    static var byte: Self {
        TOMLValueKind<Int>.integer(0...255).map(UInt8.init)
    }
}

extension TOMLValueKind where Value == [UInt8] {
    static var hexByteList: Self {
        let texts = TOMLValueKind<[String]>.texts
        return .init(expected: "a list of 2-digit hex strings such as \"0A\"") { node in
            guard case .value(let items) = texts.read(node) else { return .wrongType }
            var bytes: [UInt8] = []
            for text in items {
                guard text.count == 2, let byte = UInt8(text, radix: 16) else { return .invalid("\"\(text)\" is not a 2-digit hex string such as \"0A\"") }
                guard !bytes.contains(byte) else { return .invalid("\"\(text)\" is listed twice") }
                bytes.append(byte)
            }
            return bytes.isEmpty ? .invalid("is empty") : .value(bytes)
        }
    }
}
