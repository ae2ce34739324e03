import CLibUSB
import KioskCore

/// An opened, claimed scanner with its interrupt-IN transfers in flight. Event thread only.
final class USBScannerConnection {
    let device: OpaquePointer
    let scanner: AttachedScanner
    private let handle: OpaquePointer
    private let layout: USBInterfaceLayout
    private let report: (USBScannerEvent) -> Void
    private let now: @Sendable () -> ContinuousClock.Instant
    private var decoder: ScannerReportDecoder
    private var transfers: [USBInterruptTransfer] = []
    private var consecutiveFailures = 0
    private(set) var needsClearHalt = false
    /// Set once the engine starts closing: nothing is resubmitted or delivered after that.
    private var closing = false
    /// Why the connection must be closed (device unplugged, repeated failures); nil while healthy.
    private(set) var ending: (reason: String, fault: Bool)?

    /// One read waiting is enough: a HID device holds its report until the host polls, and the
    /// read is resubmitted inside its completion callback, so nothing is lost between reads.
    static let transfersInFlight = 1
    static let failuresBeforeFault = 5
    static let controlTimeoutMilliseconds: UInt32 = 1000

    /// Opens `device`, detaches the kernel's driver only if one is bound, claims the interface,
    /// sends the profile's init feature report and starts reading.
    init(device: OpaquePointer, model: ScannerModel, detectMode: Bool, now: @escaping @Sendable () -> ContinuousClock.Instant,
         report: @escaping (USBScannerEvent) -> Void) throws(KioskError) {
        var opened: OpaquePointer?
        let result = libusb_open(device, &opened)
        let bus = libusb_get_bus_number(device)
        let address = libusb_get_device_address(device)
        guard result == 0, let opened else {
            throw KioskError(.scannerUnusable, Self.openProblem(result, bus: bus, address: address))
        }
        self.device = libusb_ref_device(device) ?? device
        handle = opened
        self.report = report
        self.now = now
        do {
            layout = try USBInterfaceLayout.read(device: device, preferred: detectMode ? nil : model.interfaceNumber)
        } catch {
            libusb_close(opened)
            libusb_unref_device(device)
            throw error
        }
        // A VID:PID without a profile: a boot-keyboard interface means keyboard emulation, anything else HID POS.
        let mode = detectMode ? (layout.isBootKeyboard ? ScannerMode.keyboard : .hidPOS) : model.mode
        scanner = AttachedScanner(modelName: model.name, vendorID: model.vendorID, productID: model.productID, busNumber: bus, address: address, mode: mode)
        decoder = ScannerReportDecoder(mode: mode, model: model)
        do {
            try claim()
        } catch {
            releaseAndClose()
            throw error
        }
        sendInitFeatureReport(model.initFeatureReport)
        startTransfers()
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

    private func claim() throws(KioskError) {
        let interface = layout.interfaceNumber
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

    /// HID SET_REPORT (Feature): e.g. the command that switches a scanner into HID POS mode.
    /// A scanner that refuses it keeps working in the mode it is in; the fault is reported, not fatal.
    private func sendInitFeatureReport(_ payload: [UInt8]?) {
        guard var payload, let reportID = payload.first else { return }
        let value = UInt16(0x03) << 8 | UInt16(reportID)
        let sent = libusb_control_transfer(handle, 0x21, 0x09, value, UInt16(layout.interfaceNumber), &payload, UInt16(payload.count), Self.controlTimeoutMilliseconds)
        if sent != Int32(payload.count) {
            report(.fault(.online, .maintenance, "the scanner refused its init feature report (\(USBContext.describe(sent))) — check its mode with the vendor's configuration codes"))
        }
    }

    /// A failure here ends the connection through `ending`, so the engine cancels what is in flight before closing.
    private func startTransfers() {
        for _ in 0..<Self.transfersInFlight {
            guard let transfer = USBInterruptTransfer(handle: handle, endpoint: layout.endpoint, length: layout.maxPacketSize, onComplete: { [unowned self] in
                self.completed($0, $1)
            }) else {
                ending = ("libusb_alloc_transfer failed", true)
                return
            }
            transfers.append(transfer)
            if let failed = transfer.submit() {
                ending = failed == LIBUSB_ERROR_NO_DEVICE.rawValue
                    ? ("unplugged", false)
                    : ("cannot start reading endpoint 0x\(String(layout.endpoint, radix: 16)): \(USBContext.describe(failed))", true)
                return
            }
        }
    }

    private func completed(_ transfer: USBInterruptTransfer, _ outcome: USBInterruptTransfer.Outcome) {
        switch outcome {
        case .data(let bytes):
            // libusb hands back a read whose cancel came too late as completed: while closing it is dropped.
            guard !closing else { return }
            consecutiveFailures = 0
            deliver(decoder.decode(report: bytes, at: now()))
            resubmit(transfer)
        case .stalled:
            needsClearHalt = true
        case .deviceGone:
            ending = ending ?? ("unplugged", false)
        case .cancelled:
            break
        case .failed(let why):
            consecutiveFailures += 1
            if consecutiveFailures >= Self.failuresBeforeFault {
                ending = ending ?? ("\(why), \(consecutiveFailures) times in a row", true)
            } else {
                resubmit(transfer)
            }
        }
    }

    private func resubmit(_ transfer: USBInterruptTransfer) {
        guard ending == nil, !closing, let failed = transfer.submit() else { return }
        ending = failed == LIBUSB_ERROR_NO_DEVICE.rawValue ? ("unplugged", false) : ("cannot resubmit the interrupt read: \(USBContext.describe(failed))", true)
    }

    private func deliver(_ result: ScanDecodeResult) {
        switch result {
        case .pending: break
        case .scan(let scan): report(.decoded(scan, scanner))
        case .discarded(let why): report(.discarded(why))
        }
    }

    /// Work that cannot run inside a transfer callback: clearing a stall, dropping a stale partial code.
    func housekeeping() {
        deliver(decoder.expire(at: now()))
        guard needsClearHalt, ending == nil else { return }
        needsClearHalt = false
        let cleared = libusb_clear_halt(handle, layout.endpoint)
        guard cleared == 0 else {
            ending = cleared == LIBUSB_ERROR_NO_DEVICE.rawValue ? ("unplugged", false) : ("the endpoint stalled and cannot be cleared: \(USBContext.describe(cleared))", true)
            return
        }
        report(.discarded("the scanner's endpoint stalled; cleared and reading again"))
        for transfer in transfers where !transfer.inFlight { resubmit(transfer) }
    }

    var pendingDeadline: ContinuousClock.Instant? { decoder.pendingDeadline }

    var hasTransfersInFlight: Bool { transfers.contains(where: \.inFlight) }

    func cancelTransfers() {
        closing = true
        for transfer in transfers { transfer.cancel() }
    }

    /// After the transfers have completed or been cancelled: give the interface back and close.
    /// The kernel's driver is not attached again: bound to usbhid the scanner would be a keyboard
    /// for X and the browser while kioskd restarts (review M8). It gets it back when replugged.
    func releaseAndClose() {
        if ending?.reason != "unplugged" {
            _ = libusb_release_interface(handle, layout.interfaceNumber)
        }
        transfers = []
        libusb_close(handle)
        libusb_unref_device(device)
    }
}
