internal import CUMockdev
import Foundation

/// Interfaces and the kernel driver: what usbfs answers about usbhid and claims.
extension UsbfsDevice {
    /// The kernel's claimintf: nil on success, else the errno.
    func claim(_ interface: UInt32, by client: UsbfsClient) -> Int32? {
        guard interface == 0 else { return ENOENT }
        if client.claimed.contains(interface) { return nil }
        if kernelDriverBound || currentClients.contains(where: { $0 !== client && $0.claimed.contains(interface) }) {
            return EBUSY
        }
        client.claimed.insert(interface)
        return nil
    }

    /// The driver bound to interface 0: usbfs once claimed, usbhid while the kernel driver has it.
    var boundDriver: String? {
        if currentClients.contains(where: { $0.claimed.contains(0) }) { return "usbfs" }
        return kernelDriverBound ? "usbhid" : nil
    }

    func getDriver(_ argument: UnsafeMutablePointer<UMockdevIoctlData>) -> IoctlReply {
        IoctlMemory.withStruct(argument, length: MemoryLayout<usbdevfs_getdriver>.size) { bytes in
            let interface = bytes.load(as: UInt32.self)
            guard interface == 0, let driver = boundDriver else { return IoctlReply.fail(ENODATA) }
            let name = Array(driver.utf8) + [0]
            name.withUnsafeBytes { bytes.advanced(by: 4).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return .ok
        } ?? .fail(EFAULT)
    }

    /// USBDEVFS_IOCTL: DISCONNECT (libusb_detach_kernel_driver) and CONNECT (attach).
    func driverIoctl(_ argument: UnsafeMutablePointer<UMockdevIoctlData>) -> IoctlReply {
        IoctlMemory.withStruct(argument, length: MemoryLayout<usbdevfs_ioctl>.size) { bytes in
            let interface = bytes.load(as: Int32.self)
            let code = UInt(bitPattern: Int(bytes.load(fromByteOffset: 4, as: Int32.self)))
            guard interface == 0 else { return IoctlReply.fail(EINVAL) }
            switch code {
            case kiosk_usbdevfs_disconnect:
                guard kernelDriverBound else { return .fail(ENODATA) }
                kernelDriverBound = false
                detachCount += 1
                return .ok
            case kiosk_usbdevfs_connect:
                guard boundDriver == nil else { return .fail(EBUSY) }
                kernelDriverBound = true
                return .value(1)
            default:
                Self.log("unhandled USBDEVFS_IOCTL code 0x\(String(code, radix: 16)): ENOTTY")
                return .fail(ENOTTY)
            }
        } ?? .fail(EFAULT)
    }

    /// USBDEVFS_DISCONNECT_CLAIM (libusb's auto-detach): unbinds the current driver unless the
    /// flags exclude it, then claims.
    func disconnectAndClaim(_ argument: UnsafeMutablePointer<UMockdevIoctlData>, by client: UsbfsClient) -> IoctlReply {
        IoctlMemory.withStruct(argument, length: MemoryLayout<usbdevfs_disconnect_claim>.size) { bytes in
            let interface = bytes.load(as: UInt32.self)
            let flags = bytes.load(fromByteOffset: 4, as: UInt32.self)
            let named = String(cString: bytes.advanced(by: 8).assumingMemoryBound(to: CChar.self))
            if interface == 0, let driver = boundDriver {
                if flags & UInt32(USBDEVFS_DISCONNECT_CLAIM_IF_DRIVER) != 0, driver != named { return IoctlReply.fail(EBUSY) }
                if flags & UInt32(USBDEVFS_DISCONNECT_CLAIM_EXCEPT_DRIVER) != 0, driver == named { return .fail(EBUSY) }
                if driver == "usbhid" {
                    kernelDriverBound = false
                    detachCount += 1
                } else {
                    currentClients.forEach { $0.claimed.remove(0) }
                }
            }
            return claim(interface, by: client).map(IoctlReply.fail) ?? .ok
        } ?? .fail(EFAULT)
    }

    func setInterface(_ argument: UnsafeMutablePointer<UMockdevIoctlData>, by client: UsbfsClient) -> IoctlReply {
        IoctlMemory.withStruct(argument, length: MemoryLayout<usbdevfs_setinterface>.size) { bytes in
            let interface = bytes.load(as: UInt32.self)
            let alternate = bytes.load(fromByteOffset: 4, as: UInt32.self)
            if let refusal = claim(interface, by: client) { return IoctlReply.fail(refusal) }
            return alternate == 0 ? .ok : .fail(EINVAL)
        } ?? .fail(EFAULT)
    }
}
