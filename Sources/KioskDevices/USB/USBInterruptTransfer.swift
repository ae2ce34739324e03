import CLibUSB

/// One asynchronous interrupt-IN transfer, resubmitted by its owner after each completion.
/// Lives on the USB event thread: libusb calls `completed` from inside `libusb_handle_events`.
final class USBInterruptTransfer {
    enum Outcome {
        case data([UInt8])
        case stalled
        case deviceGone
        case cancelled
        case failed(String)
    }

    private let transfer: UnsafeMutablePointer<libusb_transfer>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let length: Int
    private let onComplete: (USBInterruptTransfer, Outcome) -> Void
    private(set) var inFlight = false

    init?(handle: OpaquePointer, endpoint: UInt8, length: Int, onComplete: @escaping (USBInterruptTransfer, Outcome) -> Void) {
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

    /// Returns nil when submitted, or libusb's error code.
    func submit() -> Int32? {
        let result = libusb_submit_transfer(transfer)
        guard result == 0 else { return result }
        inFlight = true
        return nil
    }

    func cancel() {
        guard inFlight else { return }
        _ = libusb_cancel_transfer(transfer)
    }

    private static let callback: libusb_transfer_cb_fn = { transfer in
        guard let transfer, let owner = transfer.pointee.user_data else { return }
        Unmanaged<USBInterruptTransfer>.fromOpaque(owner).takeUnretainedValue().completed()
    }

    private func completed() {
        inFlight = false
        let status = transfer.pointee.status
        let outcome: Outcome = switch status {
        case LIBUSB_TRANSFER_COMPLETED: .data(Array(UnsafeBufferPointer(start: buffer, count: Int(transfer.pointee.actual_length))))
        case LIBUSB_TRANSFER_STALL: .stalled
        case LIBUSB_TRANSFER_NO_DEVICE: .deviceGone
        case LIBUSB_TRANSFER_CANCELLED: .cancelled
        case LIBUSB_TRANSFER_OVERFLOW: .failed("the scanner sent more than the \(length)-byte report the endpoint declares (overflow)")
        case LIBUSB_TRANSFER_TIMED_OUT: .failed("interrupt read timed out")
        default: .failed("interrupt read failed (transfer status \(status.rawValue))")
        }
        onComplete(self, outcome)
    }
}
