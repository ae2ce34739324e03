/// A decoded GA 467 response: SW3 says how the command went, `data` is what it returned.
public struct GA467Response: Sendable, Hashable {
    public var sw1: UInt8
    public var sw2: UInt8
    public var sw3: UInt8
    public var data: [UInt8]

    public init(sw1: UInt8 = 0x00, sw2: UInt8 = 0x00, sw3: UInt8, data: [UInt8] = []) {
        self.sw1 = sw1
        self.sw2 = sw2
        self.sw3 = sw3
        self.data = data
    }
}
