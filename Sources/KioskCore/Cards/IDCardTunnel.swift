/// Carries GA 467 frames to a PC/SC ID-card reader: `header + Lc + frame + Le 00`, answered by the
/// response frame and 9000 (a long answer arrives in 61xx chunks, which the exchange joins).
enum IDCardTunnel {
    static func send(
        _ command: GA467Command, _ exchange: inout APDUExchange, _ profile: IDCardTunnelProfile
    ) async throws(KioskError) -> GA467Response {
        let header = profile.header
        guard header.count == 4 else {
            throw KioskError(.devicesDatabaseInvalid, "the ID reader's tunnel header has \(header.count) byte(s), 4 expected")
        }
        let apdu = CommandAPDU(cla: header[0], ins: header[1], p1: header[2], p2: header[3], data: command.frame, le: 0x00)
        let answer = try await exchange.send(apdu)
        guard answer.statusWord == 0x9000 else {
            let hint = [0x6D00, 0x6E00].contains(answer.statusWord) ? "; check tunnel_header in the reader's [idcard] profile" : ""
            throw KioskError(.cardUnreadable, "the ID reader answered \(answer.statusText) to the tunnelled \(command)\(hint)")
        }
        return try GA467Frame.response(answer.data)
    }
}
