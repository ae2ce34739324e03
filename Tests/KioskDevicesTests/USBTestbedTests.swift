import CLibUSB
import Foundation
import KioskTesting
import Testing

/// USBScannerTestbed driven by raw libusb calls, as the scanner driver would make them. Each test
/// re-runs itself inside umockdev (`USBScannerTestbed.runInside`); the outer run checks it passed.
@Suite("USB scanner testbed: a libumockdev device behind real libusb")
struct USBTestbedTests {
    @Test("libusb enumerates the plugged scanner and reads its configuration and string descriptors")
    func enumeratesAndReadsStrings() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.newlandKeyboard) { session in
            var list: UnsafeMutablePointer<OpaquePointer?>?
            let count = libusb_get_device_list(session.context, &list)
            defer { libusb_free_device_list(list, 1) }
            try #require(count == 1)
            let device = try #require(list?[0])
            var descriptor = libusb_device_descriptor()
            #expect(libusb_get_device_descriptor(device, &descriptor) == 0)
            #expect(descriptor.idVendor == 0x1EAB && descriptor.idProduct == 0x1D06)
            #expect(libusb_get_bus_number(device) == 1 && libusb_get_device_address(device) == 2)

            var config: UnsafeMutablePointer<libusb_config_descriptor>?
            #expect(libusb_get_active_config_descriptor(device, &config) == 0)
            defer { libusb_free_config_descriptor(config) }
            let interface = try #require(config?.pointee.interface?.pointee.altsetting?.pointee)
            #expect((interface.bInterfaceClass, interface.bInterfaceSubClass, interface.bInterfaceProtocol) == (3, 1, 1))
            #expect(interface.extra_length == 9) // the HID descriptor
            let endpoint = try #require(interface.endpoint?.pointee)
            #expect(endpoint.bEndpointAddress == 0x81 && endpoint.wMaxPacketSize == 8 && endpoint.bmAttributes == 3)

            let handle = try session.open()
            #expect(stringDescriptor(handle, descriptor.iManufacturer) == "Newland")
            #expect(stringDescriptor(handle, descriptor.iProduct) == "NLS-FM430")
            #expect(stringDescriptor(handle, descriptor.iSerialNumber) == "FM430-00042")
            #expect(session.testbed.ioctlCount > 0)
        }
    }

    @Test("the HID report descriptor arrives through a GET_DESCRIPTOR control transfer to the interface")
    func reportDescriptorByControlTransfer() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            let report = controlIn(handle, requestType: 0x81, request: 0x06, value: 0x2200, index: 0, length: 512)
            #expect(report == .bytes(HIDReportDescriptors.barcodeScannerPOS))
            let length = UInt16(HIDReportDescriptors.barcodeScannerPOS.count)
            let hid = controlIn(handle, requestType: 0x81, request: 0x06, value: 0x2100, index: 0, length: 9)
            #expect(hid == .bytes([9, 0x21, 0x11, 0x01, 0x00, 1, 0x22, UInt8(length & 0xFF), UInt8(length >> 8)]))
            // There is no interface 1: usbfs refuses the request (ENOENT), libusb says IO error.
            #expect(controlIn(handle, requestType: 0x81, request: 0x06, value: 0x2200, index: 1, length: 64) == .error(LIBUSB_ERROR_IO.rawValue))
        }
    }

    @Test("with usbhid bound: claim is busy until libusb_detach_kernel_driver, then claim and release work")
    func kernelDriverDetachThenClaim() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS, kernelDriverActive: true) { session in
            let testbed = session.testbed
            let handle = try session.open()
            #expect(libusb_kernel_driver_active(handle, 0) == 1)
            #expect(libusb_claim_interface(handle, 0) == LIBUSB_ERROR_BUSY.rawValue)
            // usbfs cannot claim the interface for a request addressed to it either.
            #expect(controlIn(handle, requestType: 0x81, request: 0x06, value: 0x2200, index: 0, length: 64) == .error(LIBUSB_ERROR_IO.rawValue))

            #expect(libusb_detach_kernel_driver(handle, 0) == 0)
            #expect(testbed.detachCount == 1 && !testbed.kernelDriverActive)
            #expect(libusb_kernel_driver_active(handle, 0) == 0)
            #expect(libusb_claim_interface(handle, 0) == 0)
            #expect(testbed.claimedInterfaces == [0])
            #expect(libusb_kernel_driver_active(handle, 0) == 0) // usbfs has it now
            #expect(libusb_detach_kernel_driver(handle, 0) == LIBUSB_ERROR_NOT_FOUND.rawValue)

            #expect(libusb_release_interface(handle, 0) == 0)
            #expect(testbed.claimedInterfaces.isEmpty)
            #expect(libusb_attach_kernel_driver(handle, 0) == 0)
            #expect(testbed.kernelDriverActive && libusb_kernel_driver_active(handle, 0) == 1)
            #expect(testbed.detachCount == 1)
        }
    }

    @Test("with libusb's auto-detach, claim takes the interface from usbhid and release gives it back")
    func autoDetachOnClaim() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.newlandKeyboard, kernelDriverActive: true) { session in
            let testbed = session.testbed
            let handle = try session.open()
            #expect(libusb_set_auto_detach_kernel_driver(handle, 1) == 0)
            #expect(libusb_claim_interface(handle, 0) == 0) // USBDEVFS_DISCONNECT_CLAIM
            #expect(testbed.detachCount == 1 && !testbed.kernelDriverActive && testbed.claimedInterfaces == [0])
            #expect(libusb_release_interface(handle, 0) == 0) // then USBDEVFS_CONNECT
            #expect(testbed.kernelDriverActive && testbed.claimedInterfaces.isEmpty)
        }
    }

    @Test("a claim belongs to its handle: another handle is busy until the first closes")
    func claimBelongsToHandle() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let first = try session.open()
            #expect(libusb_claim_interface(first, 0) == 0)
            let second = try session.open()
            #expect(libusb_claim_interface(second, 0) == LIBUSB_ERROR_BUSY.rawValue)
            session.close(first)
            #expect(await eventually { session.testbed.claimedInterfaces.isEmpty })
            #expect(libusb_claim_interface(second, 0) == 0)
            #expect(session.testbed.claimedInterfaces == [0])
        }
    }

    @Test("an asynchronous interrupt read completes with exactly the bytes of send(report:)")
    func interruptReadReceivesReport() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            session.startEvents()

            let scan = Array("]E04006381333931".utf8)
            let report = [HIDReportDescriptors.scannedDataReportID, UInt8(scan.count)] + scan + [UInt8](repeating: 0, count: 62 - scan.count)
            let read = session.interruptRead(handle, length: 64)
            #expect(read.submit() == 0)
            #expect(await eventually { session.testbed.pendingInterruptReads == 1 })
            #expect(read.outcome.status == nil)
            session.testbed.send(report: report)
            #expect(await eventually { read.outcome.status != nil })
            #expect(read.outcome.status == LIBUSB_TRANSFER_COMPLETED)
            #expect(read.outcome.bytes == report)
            #expect(session.testbed.pendingInterruptReads == 0)

            // A report sent while no read is pending waits for the next one.
            session.testbed.send(report: [0x02, 1, 0x41] + [UInt8](repeating: 0, count: 61))
            let next = session.interruptRead(handle, length: 64)
            #expect(next.submit() == 0)
            #expect(await eventually { next.outcome.status != nil })
            #expect(next.outcome.bytes.prefix(3) == [0x02, 1, 0x41])
        }
    }

    @Test("while a read is pending libusb's event loop sleeps: no usbfs calls and almost no CPU")
    func idleEventLoopMakesNoCalls() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            let read = session.interruptRead(handle, length: 64)
            #expect(read.submit() == 0)
            #expect(await eventually { session.testbed.pendingInterruptReads == 1 })

            let callsBefore = session.testbed.ioctlCount
            let events = session.startEvents()
            try await Task.sleep(for: .seconds(1))
            let cpu = events.stop()
            let calls = session.testbed.ioctlCount - callsBefore
            print("idle libusb event thread with one interrupt read pending: \(cpu) CPU in 1 s, \(calls) usbfs calls")
            #expect(calls == 0)
            #expect(cpu < .milliseconds(100))
            #expect(read.outcome.status == nil)

            #expect(libusb_cancel_transfer(read.transfer) == 0)
            session.startEvents()
            #expect(await eventually { read.outcome.status != nil })
        }
    }

    @Test("failNextInterruptRead(-EPIPE) stalls the next read only")
    func stalledRead() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            session.startEvents()

            session.testbed.failNextInterruptRead(status: -EPIPE)
            let stalled = session.interruptRead(handle, length: 64)
            #expect(stalled.submit() == 0)
            #expect(await eventually { stalled.outcome.status != nil })
            #expect(stalled.outcome.status == LIBUSB_TRANSFER_STALL)

            let next = session.interruptRead(handle, length: 64)
            #expect(next.submit() == 0)
            #expect(await eventually { session.testbed.pendingInterruptReads == 1 })
            session.testbed.send(report: [0x02] + [UInt8](repeating: 0x30, count: 63))
            #expect(await eventually { next.outcome.status != nil })
            #expect(next.outcome.status == LIBUSB_TRANSFER_COMPLETED && next.outcome.bytes.count == 64)
        }
    }

    @Test("libusb_cancel_transfer discards the pending URB: LIBUSB_TRANSFER_CANCELLED")
    func cancelledRead() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            session.startEvents()
            let read = session.interruptRead(handle, length: 64)
            #expect(read.submit() == 0)
            #expect(await eventually { session.testbed.pendingInterruptReads == 1 })
            #expect(libusb_cancel_transfer(read.transfer) == 0)
            #expect(await eventually { read.outcome.status != nil })
            #expect(read.outcome.status == LIBUSB_TRANSFER_CANCELLED)
            #expect(session.testbed.pendingInterruptReads == 0)
        }
    }

    @Test("unplug during a read: NO_DEVICE and hotplug LEFT; plugging in again: ARRIVED, and it opens and reads")
    func unplugAndReplug() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let testbed = session.testbed
            let hotplug = try session.recordHotplug()
            session.startEvents()

            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            let read = session.interruptRead(handle, length: 64)
            #expect(read.submit() == 0)
            #expect(await eventually { testbed.pendingInterruptReads == 1 })
            testbed.unplug()
            #expect(await eventually { read.outcome.status != nil })
            #expect(read.outcome.status == LIBUSB_TRANSFER_NO_DEVICE)
            #expect(await eventually { hotplug.events == [.left] })
            #expect(session.interruptRead(handle, length: 64).submit() == LIBUSB_ERROR_NO_DEVICE.rawValue)
            #expect(libusb_claim_interface(handle, 0) == LIBUSB_ERROR_NO_DEVICE.rawValue)
            #expect(testbed.claimedInterfaces.isEmpty && testbed.pendingInterruptReads == 0)
            session.close(handle)
            #expect(libusb_open_device_with_vid_pid(session.context, 0x0C2E, 0x0B87) == nil)

            try testbed.plug()
            #expect(await eventually { hotplug.events == [.left, .arrived] })
            let again = try session.open()
            #expect(libusb_claim_interface(again, 0) == 0)
            let reread = session.interruptRead(again, length: 64)
            #expect(reread.submit() == 0)
            testbed.send(report: [0x02, 3] + Array("abc".utf8) + [UInt8](repeating: 0, count: 59))
            #expect(await eventually { reread.outcome.status != nil })
            #expect(reread.outcome.status == LIBUSB_TRANSFER_COMPLETED && reread.outcome.bytes.prefix(5) == [0x02, 3, 0x61, 0x62, 0x63])
        }
    }

    @Test("SET_IDLE is accepted and SET_REPORT(Feature) payloads are recorded and read back")
    func featureReportRecorded() async throws {
        guard try await runsInsideTestbed() else { return }
        try await withLibUSB(.honeywellHIDPOS) { session in
            let handle = try session.open()
            #expect(libusb_claim_interface(handle, 0) == 0)
            #expect(libusb_control_transfer(handle, 0x21, 0x0A, 0, 0, nil, 0, 1000) == 0) // SET_IDLE
            var feature = [HIDReportDescriptors.settingsFeatureReportID] + Array("AIM ON".utf8)
            feature += [UInt8](repeating: 0, count: 64 - feature.count)
            let sent = feature.withUnsafeMutableBufferPointer { libusb_control_transfer(handle, 0x21, 0x09, 0x0304, 0, $0.baseAddress, 64, 1000) }
            #expect(sent == 64)
            #expect(session.testbed.featureReports == [feature])
            #expect(controlIn(handle, requestType: 0xA1, request: 0x01, value: 0x0304, index: 0, length: 64) == .bytes(feature))
        }
    }
}

// MARK: - Running inside umockdev

/// In the outer run: runs `test` again inside umockdev, fails unless exactly that test passed
/// there, and returns false. In the inner run: returns true, and the test goes on.
private func runsInsideTestbed(_ test: String = #function) async throws -> Bool {
    if USBScannerTestbed.isActive { return true }
    try await USBScannerTestbed.requirePassingRunInside(filter: "USBTestbedTests/" + NSRegularExpression.escapedPattern(for: test))
    return false
}

// MARK: - Raw libusb helpers

/// Runs `body` with the device plugged in and a libusb context on it, then tears down in the
/// order libusb needs: event threads, transfers, handles, hotplug callbacks, context, testbed.
private func withLibUSB(
    _ device: USBScannerTestbed.Device, kernelDriverActive: Bool = false, _ body: (TestbedLibUSB) async throws -> Void
) async throws {
    let session = try TestbedLibUSB(device, kernelDriverActive: kernelDriverActive)
    do {
        try await body(session)
    } catch {
        session.finish()
        throw error
    }
    session.finish()
}

private final class TestbedLibUSB {
    let testbed: USBScannerTestbed
    let context: OpaquePointer
    private var handles: [OpaquePointer] = []
    private var reads: [InterruptRead] = []
    private var eventThreads: [LibUSBEventThread] = []
    private var hotplugLogs: [HotplugLog] = []
    private var finished = false

    init(_ device: USBScannerTestbed.Device, kernelDriverActive: Bool) throws {
        testbed = try USBScannerTestbed(device: device, kernelDriverActive: kernelDriverActive)
        try testbed.plug()
        var context: OpaquePointer?
        guard libusb_init(&context) == 0, let context else { throw TestFixtureError("libusb_init failed") }
        self.context = context
    }

    func open() throws -> OpaquePointer {
        guard let handle = libusb_open_device_with_vid_pid(context, testbed.device.vendorID, testbed.device.productID) else {
            throw TestFixtureError("libusb could not open \(testbed.device.deviceNode)")
        }
        handles.append(handle)
        return handle
    }

    /// Closes a handle; its finished transfers are freed first (libusb_free_transfer still reads
    /// their handle), the ones in flight after (libusb_close detaches them from the handle).
    func close(_ handle: OpaquePointer) {
        guard let index = handles.firstIndex(of: handle) else { return }
        handles.remove(at: index)
        let mine = reads.filter { $0.handle == handle }
        reads.removeAll { $0.handle == handle }
        mine.filter { !$0.isInFlight }.forEach { $0.free() }
        libusb_close(handle)
        mine.forEach { $0.free() }
    }

    func interruptRead(_ handle: OpaquePointer, length: Int) -> InterruptRead {
        let read = InterruptRead(handle, length: length)
        reads.append(read)
        return read
    }

    @discardableResult
    func startEvents() -> LibUSBEventThread {
        let thread = LibUSBEventThread(context)
        eventThreads.append(thread)
        return thread
    }

    func recordHotplug() throws -> HotplugLog {
        let log = try HotplugLog(context)
        hotplugLogs.append(log)
        return log
    }

    func finish() {
        guard !finished else { return }
        finished = true
        eventThreads.forEach { _ = $0.stop() }
        hotplugLogs.forEach { $0.deregister() }
        handles.forEach(close)
        libusb_exit(context)
    }

    deinit { finish() }
}

private func stringDescriptor(_ handle: OpaquePointer, _ index: UInt8) -> String? {
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count))
    return count < 0 ? nil : String(decoding: buffer.prefix(Int(count)), as: UTF8.self)
}

private enum ControlResult: Equatable {
    case bytes([UInt8])
    case error(Int32)
}

private func controlIn(_ handle: OpaquePointer, requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: UInt16) -> ControlResult {
    var buffer = [UInt8](repeating: 0, count: Int(length))
    let count = libusb_control_transfer(handle, requestType, request, value, index, &buffer, length, 1000)
    return count < 0 ? .error(count) : .bytes(Array(buffer.prefix(Int(count))))
}

/// A thread in libusb_handle_events_timeout_completed until `stop()`, which returns its CPU time.
private final class LibUSBEventThread: @unchecked Sendable {
    private let context: OpaquePointer
    private let lock = NSLock()
    private var stopping = false
    private var cpu: Duration = .zero
    private let finished = DispatchSemaphore(value: 0)

    init(_ context: OpaquePointer) {
        self.context = context
        Thread.detachNewThread { self.run() }
    }

    private func run() {
        let start = Self.threadCPUTime()
        while !lock.withLock({ stopping }) {
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            _ = libusb_handle_events_timeout_completed(context, &timeout, nil)
        }
        lock.withLock { cpu = Self.threadCPUTime() - start }
        finished.signal()
    }

    func stop() -> Duration {
        let wasRunning = lock.withLock {
            defer { stopping = true }
            return !stopping
        }
        if wasRunning {
            libusb_interrupt_event_handler(context)
            finished.wait()
        }
        return lock.withLock { cpu }
    }

    private static func threadCPUTime() -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }
}

/// One asynchronous interrupt-IN transfer on endpoint 0x81 and what its callback saw.
private final class InterruptRead {
    let handle: OpaquePointer
    let transfer: UnsafeMutablePointer<libusb_transfer>
    let outcome = TransferOutcome()
    private let buffer: UnsafeMutablePointer<UInt8>
    private var submitted = false
    private var freed = false

    init(_ handle: OpaquePointer, length: Int) {
        self.handle = handle
        transfer = libusb_alloc_transfer(0)
        buffer = .allocate(capacity: length)
        buffer.initialize(repeating: 0, count: length)
        let callback: libusb_transfer_cb_fn = { transfer in
            guard let transfer else { return }
            let bytes = [UInt8](UnsafeBufferPointer(start: transfer.pointee.buffer, count: Int(transfer.pointee.actual_length)))
            Unmanaged<TransferOutcome>.fromOpaque(transfer.pointee.user_data).takeUnretainedValue().record(transfer.pointee.status, bytes)
        }
        libusb_fill_interrupt_transfer(transfer, handle, 0x81, buffer, Int32(length), callback, Unmanaged.passUnretained(outcome).toOpaque(), 0)
    }

    func submit() -> Int32 {
        let result = libusb_submit_transfer(transfer)
        submitted = submitted || result == 0
        return result
    }

    var isInFlight: Bool { submitted && outcome.status == nil }

    func free() {
        guard !freed else { return }
        freed = true
        libusb_free_transfer(transfer)
        buffer.deallocate()
    }
}

private final class TransferOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: (status: libusb_transfer_status, bytes: [UInt8])?

    func record(_ status: libusb_transfer_status, _ bytes: [UInt8]) { lock.withLock { recorded = (status, bytes) } }
    var status: libusb_transfer_status? { lock.withLock { recorded?.status } }
    var bytes: [UInt8] { lock.withLock { recorded?.bytes ?? [] } }
}

/// Hotplug ARRIVED/LEFT callbacks for any device, in order.
private final class HotplugLog: @unchecked Sendable {
    enum Event: Equatable { case arrived, left }
    private let context: OpaquePointer
    private let lock = NSLock()
    private var recorded: [Event] = []
    private var handle: libusb_hotplug_callback_handle = 0
    private var registered = false

    init(_ context: OpaquePointer) throws {
        self.context = context
        let callback: libusb_hotplug_callback_fn = { _, _, event, log in
            guard let log else { return 0 }
            let target = Unmanaged<HotplugLog>.fromOpaque(log).takeUnretainedValue()
            target.lock.withLock { target.recorded.append(event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED ? .arrived : .left) }
            return 0
        }
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let result = libusb_hotplug_register_callback(
            context, events, 0, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            callback, Unmanaged.passUnretained(self).toOpaque(), &handle
        )
        guard result == 0 else { throw TestFixtureError("libusb_hotplug_register_callback: \(result)") }
        registered = true
    }

    var events: [Event] { lock.withLock { recorded } }

    func deregister() {
        guard registered else { return }
        registered = false
        libusb_hotplug_deregister_callback(context, handle)
    }
}
