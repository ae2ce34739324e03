import CPCSCLite
import KioskCore

/// An exclusive connection to one card. Used from one serial queue at a time (see PCSCContext).
final class PCSCCardConnection: @unchecked Sendable {
    private let handle: SCARDHANDLE
    private let activeProtocol: DWORD
    /// Large enough for an extended-length answer (65536 bytes of data + SW1 SW2).
    private static let receiveCapacity = 65_538

    init(handle: SCARDHANDLE, activeProtocol: DWORD) {
        self.handle = handle
        self.activeProtocol = activeProtocol
    }

    func transmit(_ command: [UInt8]) -> Result<[UInt8], PCSCFailure> {
        let sendPCI = activeProtocol == DWORD(SCARD_PROTOCOL_T1) ? kiosk_scard_pci_t1() : kiosk_scard_pci_t0()
        var response = [UInt8](repeating: 0, count: Self.receiveCapacity)
        var length = DWORD(response.count)
        let status = PCSCStatusCode(SCardTransmit(handle, sendPCI, command, DWORD(command.count), nil, &response, &length))
        guard status == .success else { return .failure(PCSCFailure(call: "SCardTransmit", status: status)) }
        return .success(Array(response.prefix(Int(length))))
    }

    /// Leaves the card powered for the next reader (or resets it after a failure).
    func disconnect(reset: Bool) {
        SCardDisconnect(handle, DWORD(reset ? SCARD_RESET_CARD : SCARD_LEAVE_CARD))
    }
}
