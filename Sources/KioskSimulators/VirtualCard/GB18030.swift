import Glibc

/// GB18030 through glibc's iconv, independently of the kiosk's own decoder.
enum GB18030 {
    /// nil when this libc has no GB18030 converter or a character does not convert.
    static func encode(_ text: String) -> [UInt8]? {
        guard let converter = iconv_open("GB18030", "UTF-8"), Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        // GB18030 needs at most 4 bytes per scalar, and UTF-8 at least 1.
        var output = [CChar](repeating: 0, count: input.count * 4 + 4)
        let outputCapacity = output.count
        var inputLeft = input.count
        var outputLeft = outputCapacity
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else { return nil }
        return output.prefix(outputCapacity - outputLeft).map { UInt8(bitPattern: $0) }
    }
}
