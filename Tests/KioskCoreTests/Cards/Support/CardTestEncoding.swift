import Glibc

/// Encoders for building card answers in tests, written from the wire format rather than shared
/// with the decoders.
enum CardTestEncoding {
    /// "20300101" → 20 30 01 01.
    static func bcd(_ digits: String) -> [UInt8] {
        let values = digits.compactMap(\.wholeNumberValue).map(UInt8.init)
        return stride(from: 0, to: values.count - 1, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func padded(_ bytes: [UInt8], to length: Int, with pad: UInt8 = 0x00) -> [UInt8] {
        bytes + [UInt8](repeating: pad, count: max(0, length - bytes.count))
    }

    /// GB18030 through glibc's iconv.
    static func gb18030(_ text: String) -> [UInt8] {
        guard let converter = iconv_open("GB18030", "UTF-8"), Int(bitPattern: converter) != -1 else { return [] }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 4)
        let capacity = output.count
        var inputLeft = input.count, outputLeft = capacity
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress, outputPointer = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1 else { return [] }
        return output.prefix(capacity - outputLeft).map { UInt8(bitPattern: $0) }
    }

    /// UCS-2 little-endian, padded with spaces to `units` code units.
    static func ucs2(_ text: String, units: Int) -> [UInt8] {
        let codeUnits = Array(text.utf16) + [UInt16](repeating: 0x0020, count: max(0, units - text.utf16.count))
        return codeUnits.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// A GA 467 frame around `body`: preamble, LEN (body + CHK), body, XOR checksum of LEN…body.
    static func ga467(_ body: [UInt8]) -> [UInt8] {
        let length = body.count + 1
        var frame: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69, UInt8(length >> 8), UInt8(length & 0xFF)]
        frame.reserveCapacity(body.count + 8)
        frame += body
        var check = frame[5] ^ frame[6]
        body.withUnsafeBufferPointer { bytes in
            for byte in bytes { check ^= byte }
        }
        frame.append(check)
        return frame
    }

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(digits[$0...$0 + 1]), radix: 16) }
    }
}

extension CardTestEncoding {
    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 16 ? "0" + digits : digits
    }
}
