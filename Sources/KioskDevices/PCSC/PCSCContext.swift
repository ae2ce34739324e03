import CPCSCLite
import Glibc
import KioskCore

/// One PC/SC resource-manager context. Every libpcsclite call of the kiosk goes through this wrapper.
///
/// libpcsclite serialises calls on one context with a mutex, so a context is used by one thread
/// (or serial queue) at a time; only `cancel()` may be called from another thread.
final class PCSCContext: @unchecked Sendable {
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

    /// Blocks until one of `states` differs from what the caller knows (no polling), `cancel()` is
    /// called, or `timeoutMilliseconds` passes. Updates each state's `eventState` and ATR.
    func waitForChange(_ states: inout [PCSCReaderState], timeoutMilliseconds: DWORD) -> PCSCStatusCode {
        var cStates = states.map { state in
            var cState = SCARD_READERSTATE()
            cState.szReader = UnsafePointer(strdup(state.name))
            cState.dwCurrentState = DWORD(state.knownState)
            return cState
        }
        defer { for cState in cStates { free(UnsafeMutablePointer(mutating: cState.szReader)) } }
        let status = PCSCStatusCode(SCardGetStatusChange(handle, timeoutMilliseconds, &cStates, DWORD(cStates.count)))
        guard status == .success else { return status }
        for index in states.indices {
            let cState = cStates[index]
            states[index].eventState = UInt(cState.dwEventState)
            let length = min(Int(cState.cbAtr), MemoryLayout.size(ofValue: cState.rgbAtr))
            states[index].atr = withUnsafeBytes(of: cState.rgbAtr) { Array($0.prefix(length)) }
        }
        return status
    }

    /// Ends a `waitForChange` blocked in another thread (it returns `.cancelled`).
    func cancel() { SCardCancel(handle) }

    /// Connects to the card in `reader` with exclusive access, T=0 or T=1 as the card offers.
    func connect(reader: String) -> Result<PCSCCardConnection, PCSCFailure> {
        var card: SCARDHANDLE = 0
        var activeProtocol: DWORD = 0
        let status = PCSCStatusCode(SCardConnect(
            handle, reader, DWORD(SCARD_SHARE_EXCLUSIVE), DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &card, &activeProtocol
        ))
        guard status == .success else { return .failure(PCSCFailure(call: "SCardConnect", status: status)) }
        return .success(PCSCCardConnection(handle: card, activeProtocol: activeProtocol))
    }
}

/// A PC/SC call that did not succeed, kept as its status so callers can tell a pulled card from a dead pcscd.
struct PCSCFailure: Error, Sendable, CustomStringConvertible {
    let call: String
    let status: PCSCStatusCode
    var description: String { "\(call) failed: \(status)" }
}

/// A reader as `SCardGetStatusChange` sees it.
struct PCSCReaderState: Sendable {
    /// pcscd's name for the reader, or `PCSCReaderState.plugAndPlay` for reader arrival/removal.
    let name: String
    /// What the caller last saw (`SCARD_STATE_UNAWARE` at first).
    var knownState: UInt = UInt(SCARD_STATE_UNAWARE)
    var eventState: UInt = 0
    var atr: [UInt8] = []

    static let plugAndPlay = "\\\\?PnP?\\Notification"

    /// The high 16 bits of the event state count events; the low bits are the state.
    var flags: UInt { eventState & 0xFFFF }
    var cardPresent: Bool { flags & UInt(SCARD_STATE_PRESENT) != 0 }
    var cardMute: Bool { flags & UInt(SCARD_STATE_MUTE) != 0 }
    var changed: Bool { flags & UInt(SCARD_STATE_CHANGED) != 0 }
    var readerGone: Bool { flags & UInt(SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE) != 0 }
    /// The ATR as pcsc_scan prints it: "3B6C0000…".
    var atrText: String { HexBytes.format(atr, separator: "") }
}
