import CPCSCLite
import KioskCore

/// One PC/SC resource-manager context. Every libpcsclite call of the kiosk goes through this wrapper.
final class PCSCContext {
    private let handle: SCARDCONTEXT

    init() throws(KioskError) {
        var handle: SCARDCONTEXT = 0
        let status = PCSCStatusCode(SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &handle))
        guard status == .success else {
            throw KioskError(.pcscUnavailable, "SCardEstablishContext failed: \(status) — is pcscd running?")
        }
        self.handle = handle
    }

    deinit { SCardReleaseContext(handle) }

    /// Names of the readers pcscd knows now; empty when it has none.
    func readerNames() throws(KioskError) -> [String] {
        var length: DWORD = 0
        var status = PCSCStatusCode(SCardListReaders(handle, nil, nil, &length))
        if status == .noReadersAvailable { return [] }
        guard status == .success else { throw KioskError(.pcscUnavailable, "SCardListReaders failed: \(status)") }
        var buffer = [CChar](repeating: 0, count: Int(length))
        status = PCSCStatusCode(SCardListReaders(handle, nil, &buffer, &length))
        if status == .noReadersAvailable { return [] }
        guard status == .success else { throw KioskError(.pcscUnavailable, "SCardListReaders failed: \(status)") }
        return Self.splitMultiString(buffer)
    }

    /// A PC/SC multi-string: NUL-separated names ending with an empty one.
    static func splitMultiString(_ buffer: [CChar]) -> [String] {
        buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    }
}
