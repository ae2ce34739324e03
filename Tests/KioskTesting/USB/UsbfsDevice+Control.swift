internal import CUMockdev
import Foundation

/// A control transfer's 8-byte setup packet.
struct SetupPacket {
    let requestType: UInt8
    let request: UInt8
    let value: UInt16
    let index: UInt16
    let length: UInt16

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        requestType = bytes[0]
        request = bytes[1]
        value = UInt16(bytes[2]) | UInt16(bytes[3]) << 8
        index = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        length = UInt16(bytes[6]) | UInt16(bytes[7]) << 8
    }

    init(requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: UInt16) {
        (self.requestType, self.request, self.value, self.index, self.length) = (requestType, request, value, index, length)
    }

    var isVendor: Bool { requestType & 0x60 == 0x40 }
    var isToInterface: Bool { requestType & 0x1F == 0x01 }
}

/// How the device answers a control request: data in, an accepted request, or a STALL.
enum ControlAnswer {
    case data([UInt8])
    case accepted
    case stall
}

extension UsbfsDevice {
    func submitControl(_ urb: SubmittedURB, from client: UsbfsClient) -> IoctlReply {
        let buffer = urb.bufferContents
        guard let setup = SetupPacket(buffer) else { return .fail(EINVAL) }
        if let refusal = checkRecipient(setup, client) { return .fail(refusal) }
        let completion: URBCompletion
        switch answerControl(setup, outData: Array(buffer.dropFirst(8).prefix(Int(setup.length)))) {
        case .data(let bytes): completion = .received(urb, Array(bytes.prefix(Int(setup.length))))
        case .accepted: completion = URBCompletion(urb: urb, status: 0, data: [], actualLength: Int32(setup.length))
        case .stall: completion = .failed(urb, status: -EPIPE)
        }
        client.completed.append(completion)
        updateReadiness()
        return .ok
    }

    /// USBDEVFS_CONTROL, the synchronous control ioctl.
    func synchronousControl(_ argument: UnsafeMutablePointer<UMockdevIoctlData>, from client: UsbfsClient) -> IoctlReply {
        guard let transfer = IoctlMemory.resolve(argument, offset: 0, length: MemoryLayout<usbdevfs_ctrltransfer>.size) else { return .fail(EFAULT) }
        defer { g_object_unref(transfer) }
        let fields = IoctlMemory.bytes(transfer).load(as: usbdevfs_ctrltransfer.self)
        let setup = SetupPacket(requestType: fields.bRequestType, request: fields.bRequest, value: fields.wValue, index: fields.wIndex, length: fields.wLength)
        if let refusal = checkRecipient(setup, client) { return .fail(refusal) }
        let offset = MemoryLayout<usbdevfs_ctrltransfer>.offset(of: \.data)!
        let data = IoctlMemory.resolve(transfer, offset: offset, length: Int(setup.length))
        defer { if let data { g_object_unref(data) } }
        let outData = data.map { [UInt8](UnsafeRawBufferPointer(start: IoctlMemory.bytes($0), count: IoctlMemory.count($0))) } ?? []
        switch answerControl(setup, outData: outData) {
        case .data(let bytes):
            let answer = Array(bytes.prefix(Int(setup.length)))
            if let data { answer.withUnsafeBytes { IoctlMemory.bytes(data).copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
            return .value(answer.count)
        case .accepted: return .value(Int(setup.length))
        case .stall: return .fail(EPIPE)
        }
    }

    /// usbfs claims the interface a request addresses, which fails while a kernel driver has it.
    private func checkRecipient(_ setup: SetupPacket, _ client: UsbfsClient) -> Int32? {
        guard setup.isToInterface, !setup.isVendor else { return nil }
        return claim(UInt32(setup.index & 0xFF), by: client)
    }

    /// The device's answer to the standard and HID class requests a scanner driver makes.
    func answerControl(_ setup: SetupPacket, outData: [UInt8]) -> ControlAnswer {
        let high = UInt8(setup.value >> 8)
        let low = UInt8(setup.value & 0xFF)
        switch (setup.requestType, setup.request) {
        case (0x80, 0x06): // GET_DESCRIPTOR (device)
            switch high {
            case 0x01: return .data(descriptors.device)
            case 0x02 where low == 0: return .data(descriptors.configuration)
            case 0x03: return descriptors.string(index: low, language: setup.index).map(ControlAnswer.data) ?? .stall
            default: break
            }
        case (0x81, 0x06) where setup.index == 0: // GET_DESCRIPTOR (interface)
            if high == USBDescriptorSet.reportDescriptorType { return .data(descriptors.report) }
            if high == USBDescriptorSet.hidDescriptorType { return .data(descriptors.hid) }
        case (0x80, 0x08): return .data([1]) // GET_CONFIGURATION
        case (0x80, 0x00): return .data([0, 0]) // GET_STATUS
        case (0x21, 0x0A), (0x21, 0x0B): return .accepted // SET_IDLE, SET_PROTOCOL
        case (0x21, 0x09): // SET_REPORT
            if high == 0x03 { featureReports.append(outData) }
            return .accepted
        case (0xA1, 0x01) where high == 0x03: // GET_REPORT (feature): the last one set, else zeros
            let last = featureReports.last { $0.first == low }
            return .data(last ?? [low] + [UInt8](repeating: 0, count: max(0, Int(setup.length) - 1)))
        case (0xA1, 0x02): return .data([0]) // GET_IDLE
        case (0xA1, 0x03): return .data([1]) // GET_PROTOCOL: report protocol
        default: break
        }
        Self.log(String(format: "control request %02x %02x value %04x index %04x length %d: STALL",
                        setup.requestType, setup.request, setup.value, setup.index, setup.length))
        return .stall
    }
}
