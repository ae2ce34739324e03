/// What answers the command APDUs of one inserted virtual card; lives on the session's thread.
enum VirtualCardApplet: Sendable {
    case ssc(SSCApplet)
    case idCard(IDCardSAM)

    init(_ file: VirtualCardFile) {
        switch file.content {
        case .ssc(let card): self = .ssc(SSCApplet(card))
        case .idCard(let card): self = .idCard(IDCardSAM(card))
        }
    }

    mutating func reset() {
        switch self {
        case .ssc(var applet):
            applet.reset()
            self = .ssc(applet)
        case .idCard(var sam):
            sam.reset()
            self = .idCard(sam)
        }
    }

    mutating func respond(to command: [UInt8]) -> [UInt8] {
        switch self {
        case .ssc(var applet):
            let answer = applet.respond(to: command)
            self = .ssc(applet)
            return answer
        case .idCard(var sam):
            let answer = sam.respond(to: command)
            self = .idCard(sam)
            return answer
        }
    }
}
