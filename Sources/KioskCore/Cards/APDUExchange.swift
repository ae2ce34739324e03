/// Sends command APDUs over an `APDUTransport` and takes care of the two transport-level status
/// words of T=0 cards: 61xx (more data: GET RESPONSE until done, data concatenated) and 6Cxx
/// (wrong Le: the same command again with Le = xx, once). Every other status word is the caller's.
public struct APDUExchange: Sendable {
    /// A card that keeps answering 61xx is broken (or hostile); 64 × 256 bytes is far beyond any record.
    static let maximumGetResponses = 64

    private let transport: any APDUTransport
    /// Every APDU actually transmitted, GET RESPONSEs and resends included.
    public private(set) var commandsSent = 0

    public init(_ transport: some APDUTransport) {
        self.transport = transport
    }

    public mutating func send(_ command: CommandAPDU) async throws(KioskError) -> ResponseAPDU {
        var response = try await transmit(command)
        if response.sw1 == 0x6C {
            var resent = command
            resent.le = response.sw2
            response = try await transmit(resent)
        }
        var data = response.data
        var getResponses = 0
        while response.sw1 == 0x61 {
            guard getResponses < Self.maximumGetResponses else {
                throw KioskError(.cardUnreadable, "the card still announced more data (61xx) after \(Self.maximumGetResponses) GET RESPONSEs to \(command)")
            }
            getResponses += 1
            response = try await transmit(.getResponse(length: response.sw2))
            data += response.data
        }
        response.data = data
        return response
    }

    private mutating func transmit(_ command: CommandAPDU) async throws(KioskError) -> ResponseAPDU {
        guard command.data.count <= 255 else {
            throw KioskError(.cardUnreadable, "command \(command) carries \(command.data.count) bytes, a short APDU holds at most 255")
        }
        commandsSent += 1
        return try ResponseAPDU(raw: try await transport.transmit(command.bytes))
    }
}
