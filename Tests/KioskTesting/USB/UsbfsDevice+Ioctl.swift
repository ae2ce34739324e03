internal import CUMockdev
import Foundation

/// What an ioctl returns to the process under test.
struct IoctlReply {
    let result: Int
    let errno: Int32

    static let ok = IoctlReply(result: 0, errno: 0)
    static func value(_ result: Int) -> IoctlReply { IoctlReply(result: result, errno: 0) }
    static func fail(_ errno: Int32) -> IoctlReply { IoctlReply(result: -1, errno: errno) }
}

extension UsbfsDevice {
    static let capabilities = UInt32(USBDEVFS_CAP_ZERO_PACKET | USBDEVFS_CAP_BULK_CONTINUATION
        | USBDEVFS_CAP_NO_PACKET_SIZE_LIM | USBDEVFS_CAP_REAP_AFTER_DISCONNECT)

    /// Answers one usbfs ioctl, on libumockdev's worker thread. Unknown requests fail with ENOTTY
    /// and are logged, so that gaps in the emulation show.
    func handle(_ client: UnsafeMutablePointer<UMockdevIoctlClient>) {
        let request = UInt(umockdev_ioctl_client_get_request(client))
        guard let argument = umockdev_ioctl_client_get_arg(client) else {
            umockdev_ioctl_client_complete(client, -1, EFAULT)
            return
        }
        let reply = locked {
            ioctlCount += 1
            return answer(request, argument, from: clientState(client))
        }
        umockdev_ioctl_client_complete(client, glong(reply.result), reply.errno)
    }

    private func clientState(_ client: UnsafeMutablePointer<UMockdevIoctlClient>) -> UsbfsClient {
        let key = UInt(bitPattern: client)
        if let known = clients[key] { return known }
        pruneClosedClients()
        let state = UsbfsClient(client, plugGeneration: isPlugged ? plugGeneration : -1)
        clients[key] = state
        return state
    }

    private func answer(_ request: UInt, _ argument: UnsafeMutablePointer<UMockdevIoctlData>, from client: UsbfsClient) -> IoctlReply {
        // As in the kernel, reaping works after a disconnect; everything else fails with ENODEV.
        if request == kiosk_usbdevfs_reapurbndelay { return reap(into: argument, for: client) }
        guard isPlugged, client.plugGeneration == plugGeneration else { return .fail(ENODEV) }
        switch request {
        case kiosk_usbdevfs_get_capabilities:
            return writeUInt32(Self.capabilities, to: argument)
        case kiosk_usbdevfs_submiturb:
            return submit(argument, from: client)
        case kiosk_usbdevfs_discardurb:
            return discard(clientAddress: IoctlMemory.argumentValue(argument), from: client)
        case kiosk_usbdevfs_claiminterface:
            return withUInt32(argument) { claim($0, by: client).map(IoctlReply.fail) ?? .ok }
        case kiosk_usbdevfs_releaseinterface:
            return withUInt32(argument) { client.claimed.remove($0) == nil ? .fail(EINVAL) : .ok }
        case kiosk_usbdevfs_getdriver:
            return getDriver(argument)
        case kiosk_usbdevfs_ioctl:
            return driverIoctl(argument)
        case kiosk_usbdevfs_disconnect_claim:
            return disconnectAndClaim(argument, by: client)
        case kiosk_usbdevfs_setconfiguration:
            return withUInt32(argument) { $0 == 1 ? .ok : .fail(EINVAL) }
        case kiosk_usbdevfs_setinterface:
            return setInterface(argument, by: client)
        case kiosk_usbdevfs_clear_halt:
            return withUInt32(argument) { UInt8(truncatingIfNeeded: $0) == spec.interruptInEndpoint ? .ok : .fail(ENOENT) }
        case kiosk_usbdevfs_reset:
            return .ok
        case kiosk_usbdevfs_get_speed:
            return .value(2) // USB_SPEED_FULL
        case kiosk_usbdevfs_control:
            return synchronousControl(argument, from: client)
        default:
            Self.log("unhandled usbfs ioctl 0x\(String(request, radix: 16)): ENOTTY")
            return .fail(ENOTTY)
        }
    }

    // MARK: URBs

    private func submit(_ argument: UnsafeMutablePointer<UMockdevIoctlData>, from client: UsbfsClient) -> IoctlReply {
        urbSequence += 1
        guard let urb = SubmittedURB(argument: argument, sequence: urbSequence) else { return .fail(EFAULT) }
        if urb.isControl { return submitControl(urb, from: client) }
        guard urb.endpoint == spec.interruptInEndpoint, urb.isInterruptIn else {
            Self.log("URB type \(urb.type) to endpoint 0x\(String(urb.endpoint, radix: 16)), which the device does not have: ENOENT")
            return .fail(ENOENT)
        }
        // usbfs claims the endpoint's interface on first use, which fails while a kernel driver has it.
        if let refusal = claim(0, by: client) { return .fail(refusal) }
        client.pending.append(urb)
        deliverInterruptEvents()
        return .ok
    }

    private func discard(clientAddress: UInt, from client: UsbfsClient) -> IoctlReply {
        guard let urb = client.takePending(clientAddress: clientAddress) else { return .fail(EINVAL) }
        client.completed.append(.failed(urb, status: -ENOENT))
        updateReadiness()
        return .ok
    }

    private func reap(into argument: UnsafeMutablePointer<UMockdevIoctlData>, for client: UsbfsClient) -> IoctlReply {
        guard !client.completed.isEmpty else {
            return .fail(isPlugged && client.plugGeneration == plugGeneration ? EAGAIN : ENODEV)
        }
        guard let pointer = IoctlMemory.resolve(argument, offset: 0, length: MemoryLayout<UInt>.size) else { return .fail(EFAULT) }
        defer { g_object_unref(pointer) }
        let completion = client.completed.removeFirst()
        completion.urb.complete(completion)
        umockdev_ioctl_data_set_ptr(pointer, 0, completion.urb.urb)
        updateReadiness()
        return .ok
    }

    // MARK: Plain values

    private func withUInt32(_ argument: UnsafeMutablePointer<UMockdevIoctlData>, _ body: (UInt32) -> IoctlReply) -> IoctlReply {
        IoctlMemory.withStruct(argument, length: 4) { body($0.load(as: UInt32.self)) } ?? .fail(EFAULT)
    }

    private func writeUInt32(_ value: UInt32, to argument: UnsafeMutablePointer<UMockdevIoctlData>) -> IoctlReply {
        IoctlMemory.withStruct(argument, length: 4) { bytes in
            bytes.storeBytes(of: value, as: UInt32.self)
            return IoctlReply.ok
        } ?? .fail(EFAULT)
    }
}
