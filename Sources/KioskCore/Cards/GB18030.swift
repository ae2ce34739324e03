#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (the superset of GBK the SSC stores names in) through the C library's iconv, which
/// handles the 4-byte sequences of rare characters such as 𬌗.
enum GB18030 {
    struct DecodingFailure: Error {
        /// What is wrong, for a message that names the field: "is not valid GB18030".
        let problem: String
    }

    static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> String {
        guard !bytes.isEmpty else { return "" }
        guard let converter = iconv_open("UTF-8", "GB18030"), Int(bitPattern: converter) != -1 else {
            throw DecodingFailure(problem: "cannot be decoded: this system's iconv has no GB18030 converter")
        }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // A GB18030 character of n bytes is at most n + 1 bytes of UTF-8 (2 → 3); 4× is ample.
        var output = [CChar](repeating: 0, count: bytes.count * 4)
        let capacity = output.count
        var inputLeft = input.count
        var outputLeft = capacity
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else { throw DecodingFailure(problem: "is not valid GB18030") }
        let utf8 = output.prefix(capacity - outputLeft).map { UInt8(bitPattern: $0) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw DecodingFailure(problem: "is not valid GB18030") }
        return text
    }
}
