import CLibUSB
import KioskCore

/// The scanner's transport over libusb-1.0: the device opened, its HID interface claimed, interrupt-IN
/// transfers, HID SET_REPORT, CLEAR_FEATURE(ENDPOINT_HALT). Event thread only: libusb calls the
/// transfers' completions from inside `libusb_handle_events`.
final class LibUSBScannerTransport: ScannerTransport {
    let device: OpaquePointer
    let layout: USBInterfaceLayout
    let busNumber: UInt8
    let address: UInt8
    var onRead: ((ScannerReadOutcome) -> Void)?
    private let handle: OpaquePointer
    private var transfers: [InterruptTransfer] = []

    static let controlTimeoutMilliseconds: UInt32 = 1000

    /// Opens `device`, finds its HID interface (`preferred` when it has an interrupt-IN endpoint),
    /// detaches the kernel's driver only if one is bound, and claims the interface.
    init(device: OpaquePointer, preferredInterface: Int?) throws(KioskError) {
        var opened: OpaquePointer?
        let result = libusb_open(device, &opened)
        busNumber = libusb_get_bus_number(device)
        address = libusb_get_device_address(device)
        guard result == 0, let opened else {
            throw KioskError(.scannerUnusable, Self.openProblem(result, bus: busNumber, address: address))
        }
        do {
            layout = try USBInterfaceLayout.read(device: device, preferred: preferredInterface)
            try Self.claim(opened, interface: layout.interfaceNumber)
        } catch {
            libusb_close(opened)
            throw error
        }
        self.device = libusb_ref_device(device) ?? device
        handle = opened
    }

    private static func openProblem(_ code: Int32, bus: UInt8, address: UInt8) -> String {
        let node = "/dev/bus/usb/\(String(format: "%03d", bus))/\(String(format: "%03d", address))"
        switch code {
        case LIBUSB_ERROR_ACCESS.rawValue:
            return "no permission to open \(node) — install Devices/udev/70-kioskd-scanner.rules and replug the scanner"
        case LIBUSB_ERROR_BUSY.rawValue:
            return "\(node) is in use by another program — stop it, or unplug and replug the scanner"
        default:
            return "cannot open \(node): \(USBContext.describe(code))"
        }
    }

    private static func claim(_ handle: OpaquePointer, interface: Int32) throws(KioskError) {
        if libusb_kernel_driver_active(handle, interface) == 1 {
            let detached = libusb_detach_kernel_driver(handle, interface)
            guard detached == 0 else {
                throw KioskError(.scannerUnusable, "cannot detach the kernel driver from interface \(interface): \(USBContext.describe(detached))")
            }
        }
        let claimed = libusb_claim_interface(handle, interface)
        guard claimed == 0 else {
            throw KioskError(.scannerUnusable, "cannot claim interface \(interface): \(USBContext.describe(claimed)) — is another program using the scanner?")
        }
    }

    private static func failure(_ code: Int32) -> ScannerTransportFailure {
        code == LIBUSB_ERROR_NO_DEVICE.rawValue ? .deviceGone : .failed(USBContext.describe(code))
    }

    /// HID 1.11 §7.2.2 SET_REPORT: bmRequestType 0x21 (class, interface, host to device), bRequest 0x09,
    /// wValue report type 3 (Feature) << 8 | report ID (the payload's first byte), wIndex the interface.
    func sendFeatureReport(_ payload: [UInt8]) -> ScannerTransportFailure? {
        guard let reportID = payload.first else { return nil }
        var payload = payload
        let value = UInt16(0x03) << 8 | UInt16(reportID)
        let sent = libusb_control_transfer(handle, 0x21, 0x09, value, UInt16(layout.interfaceNumber), &payload, UInt16(payload.count), Self.controlTimeoutMilliseconds)
        guard sent != Int32(payload.count) else { return nil }
        return sent < 0 ? Self.failure(sent) : .failed("\(sent) of \(payload.count) bytes sent")
    }

    func submitRead() -> ScannerTransportFailure? {
        let transfer: InterruptTransfer
        if let idle = transfers.first(where: { !$0.inFlight }) {
            transfer = idle
        } else {
            guard let allocated = InterruptTransfer(handle: handle, endpoint: layout.endpoint, length: layout.maxPacketSize, onComplete: { [unowned self] in
                self.onRead?($0)
            }) else {
                return .failed("libusb_alloc_transfer failed")
            }
            transfers.append(allocated)
            transfer = allocated
        }
        let result = transfer.submit()
        return result == 0 ? nil : Self.failure(result)
    }

    func clearHalt() -> ScannerTransportFailure? {
        let cleared = libusb_clear_halt(handle, layout.endpoint)
        return cleared == 0 ? nil : Self.failure(cleared)
    }

    func cancelReads() {
        for transfer in transfers { transfer.cancel() }
    }

    func releaseInterface() {
        _ = libusb_release_interface(handle, layout.interfaceNumber)
    }

    func close() {
        transfers = []
        libusb_close(handle)
        libusb_unref_device(device)
    }
}

/// One asynchronous interrupt-IN transfer, resubmitted after each completion.
private final class InterruptTransfer {
    private let transfer: UnsafeMutablePointer<libusb_transfer>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let length: Int
    private let onComplete: (ScannerReadOutcome) -> Void
    private(set) var inFlight = false

    init?(handle: OpaquePointer, endpoint: UInt8, length: Int, onComplete: @escaping (ScannerReadOutcome) -> Void) {
        guard let transfer = libusb_alloc_transfer(0) else { return nil }
        self.transfer = transfer
        self.length = length
        buffer = .allocate(capacity: length)
        buffer.initialize(repeating: 0, count: length)
        self.onComplete = onComplete
        // No timeout: a scanner speaks only when a code is read; waiting costs nothing.
        libusb_fill_interrupt_transfer(transfer, handle, endpoint, buffer, Int32(length), Self.callback, nil, 0)
        transfer.pointee.user_data = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        libusb_free_transfer(transfer)
        buffer.deallocate()
    }

    /// 0 when submitted, else libusb's error code.
    func submit() -> Int32 {
        let result = libusb_submit_transfer(transfer)
        if result == 0 { inFlight = true }
        return result
    }

    func cancel() {
        guard inFlight else { return }
        _ = libusb_cancel_transfer(transfer)
    }

    private static let callback: libusb_transfer_cb_fn = { transfer in
        guard let transfer, let owner = transfer.pointee.user_data else { return }
        Unmanaged<InterruptTransfer>.fromOpaque(owner).takeUnretainedValue().completed()
    }

    private func completed() {
        inFlight = false
        let status = transfer.pointee.status
        let outcome: ScannerReadOutcome = switch status {
        case LIBUSB_TRANSFER_COMPLETED: .data(Array(UnsafeBufferPointer(start: buffer, count: Int(transfer.pointee.actual_length))))
        case LIBUSB_TRANSFER_STALL: .stalled
        case LIBUSB_TRANSFER_NO_DEVICE: .deviceGone
        case LIBUSB_TRANSFER_CANCELLED: .cancelled
        case LIBUSB_TRANSFER_OVERFLOW: .failed("the scanner sent more than the \(length)-byte report the endpoint declares (overflow)")
        case LIBUSB_TRANSFER_TIMED_OUT: .failed("interrupt read timed out")
        default: .failed("interrupt read failed (transfer status \(status.rawValue))")
        }
        onComplete(outcome)
    }
}
