import CLibUSB
import Foundation
import KioskCore
import Synchronization

/// The scanner's libusb context and the one thread that handles its events: hot-plug arrive/leave,
/// transfer completions, re-opening. It blocks in `libusb_handle_events` and wakes only for USB
/// events, a keyboard-mode partial code's timeout, or `stop()`.
final class USBScannerEngine: @unchecked Sendable {
    private let context: OpaquePointer
    private let matcher: USBScannerMatcher
    /// Key times for the inter-key timeout: the time on the injected clock since the engine was made.
    private let now: @Sendable () -> Duration
    /// Set by `start` before the thread exists; read only on the thread.
    private var report: @Sendable (USBScannerEvent) -> Void = { _ in }
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Atomic<Bool>(false)

    // Event thread only.
    private var hotplugHandle: libusb_hotplug_callback_handle = 0
    private var arrivals: [OpaquePointer] = []
    private var departures: [OpaquePointer] = []
    private var connection: ScannerConnection?
    /// The device `connection` reads.
    private var connectedDevice: OpaquePointer?
    /// Closed connections whose transfers libusb has not handed back yet: freed once it has.
    private var retiring: [ScannerConnection] = []
    /// Devices that failed to open: not retried until they are plugged again.
    private var refused: Set<UInt16> = []

    /// How long the loop sleeps when nothing is pending. libusb wakes it earlier for any USB event.
    static let idleWait: Duration = .seconds(3600)

    init(matcher: USBScannerMatcher, clock: any Clock<Duration>) throws(KioskError) {
        var context: OpaquePointer?
        let result = libusb_init(&context)
        guard result == 0, let context else {
            throw KioskError(.usbUnavailable, "libusb_init failed: \(USBContext.describe(result)) — no USB access on this machine?")
        }
        _ = kiosk_libusb_set_log_level(context, Int32(LIBUSB_LOG_LEVEL_NONE.rawValue))
        self.context = context
        self.matcher = matcher
        let stopwatch = Stopwatch(clock)
        now = { stopwatch.elapsed }
    }

    deinit { libusb_exit(context) }

    func start(report: @escaping @Sendable (USBScannerEvent) -> Void) {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        self.report = report
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "kioskd-usb"
        thread.start()
    }

    /// Asks the thread to close the scanner and end, and waits for it (off the cooperative pool).
    func stop() async {
        guard started.load(ordering: .acquiring) else { return }
        stopRequested.store(true, ordering: .releasing)
        libusb_interrupt_event_handler(context)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [finished] in
                finished.wait()
                done.resume()
            }
        }
    }

    private var stopping: Bool { stopRequested.load(ordering: .acquiring) }

    private func run() {
        registerHotplug()
        if connection == nil && arrivals.isEmpty { report(.absent(matcher.absentDetail)) }
        while !stopping {
            processDepartures()
            finishRetiring()
            processArrivals()
            if let connection {
                connection.housekeeping()
                if let ending = connection.ending { close(connection, ending) }
            }
            guard !stopping else { break }
            var timeout = Self.timeval(connection?.pendingDeadline.map { max(.zero, $0 - now()) })
            _ = libusb_handle_events_timeout_completed(context, &timeout, nil)
        }
        if let connection { close(connection, .stopping, announce: false) }
        drainRetiring()
        if hotplugHandle != 0 { libusb_hotplug_deregister_callback(context, hotplugHandle) }
        for device in arrivals + departures { libusb_unref_device(device) }
        arrivals = []
        departures = []
    }

    /// The loop's wait: until a partial code's deadline (with a TestClock the loop then wakes on
    /// real time until the test moves its clock), otherwise until libusb has something.
    private static func timeval(_ untilDeadline: Duration?) -> Glibc.timeval {
        let wait = untilDeadline ?? idleWait
        let (seconds, attoseconds) = wait.components
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }

    // MARK: hot-plug

    private func registerHotplug() {
        guard libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0 else {
            enumerateOnce()
            return
        }
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        // ENUMERATE: devices already plugged in arrive through the same callback, during registration.
        let result = libusb_hotplug_register_callback(
            context, events, Int32(LIBUSB_HOTPLUG_ENUMERATE.rawValue), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            Self.hotplugCallback, Unmanaged.passUnretained(self).toOpaque(), &hotplugHandle
        )
        if result != 0 {
            report(.fault(.offline, .maintenance, "libusb hot-plug registration failed: \(USBContext.describe(result)); the scanner is looked for once"))
            enumerateOnce()
        }
    }

    private func enumerateOnce() {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else { return }
        defer { libusb_free_device_list(list, 1) }
        for index in 0..<Int(count) {
            if let device = list[index], matcher.match(device) != nil, let held = libusb_ref_device(device) { arrivals.append(held) }
        }
    }

    private static let hotplugCallback: libusb_hotplug_callback_fn = { _, device, event, userData in
        guard let device, let userData else { return 0 }
        let engine = Unmanaged<USBScannerEngine>.fromOpaque(userData).takeUnretainedValue()
        engine.hotplug(device, arrived: event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED)
        return 0
    }

    /// Runs inside libusb's event handling: only note the device; it is opened after handling returns.
    private func hotplug(_ device: OpaquePointer, arrived: Bool) {
        if arrived {
            guard matcher.match(device) != nil, let held = libusb_ref_device(device) else { return }
            arrivals.append(held)
        } else if connectedDevice == device || arrivals.contains(device) {
            if let held = libusb_ref_device(device) { departures.append(held) }
        } else {
            refused.remove(Self.key(device))
        }
    }

    private static func key(_ device: OpaquePointer) -> UInt16 {
        UInt16(libusb_get_bus_number(device)) << 8 | UInt16(libusb_get_device_address(device))
    }

    private func processDepartures() {
        let leaving = departures
        departures = []
        for device in leaving {
            refused.remove(Self.key(device))
            if let index = arrivals.firstIndex(of: device) {
                libusb_unref_device(arrivals.remove(at: index))
            }
            if let connection, connectedDevice == device { close(connection, .unplugged) }
            libusb_unref_device(device)
        }
    }

    private func processArrivals() {
        while connection == nil, !arrivals.isEmpty {
            let device = arrivals.removeFirst()
            defer { libusb_unref_device(device) }
            guard !refused.contains(Self.key(device)), let match = matcher.match(device) else { continue }
            do {
                let transport = try LibUSBScannerTransport(device: device, preferredInterface: match.detectMode ? nil : match.model.interfaceNumber)
                // A VID:PID without a profile: a boot-keyboard interface means keyboard emulation, anything else HID POS.
                let mode = match.detectMode ? (transport.layout.isBootKeyboard ? ScannerMode.keyboard : .hidPOS) : match.model.mode
                let scanner = AttachedScanner(modelName: match.model.name, vendorID: match.model.vendorID, productID: match.model.productID,
                                              busNumber: transport.busNumber, address: transport.address, mode: mode)
                connection = ScannerConnection(transport: transport, scanner: scanner, model: match.model, now: now, report: report)
                connectedDevice = transport.device
                report(.attached(scanner))
            } catch {
                refused.insert(Self.key(device))
                report(.fault(.hardwareError, .maintenance, error.message))
            }
        }
    }

    /// At exit: libusb must hand back every transfer before the handles close and the context ends.
    /// One it never returns is left allocated on purpose (freeing it would be a use-after-free).
    private func drainRetiring() {
        let deadline = ContinuousClock.now + .seconds(2)
        while !retiring.isEmpty, ContinuousClock.now < deadline {
            var timeout = Glibc.timeval(tv_sec: 0, tv_usec: 100_000)
            _ = libusb_handle_events_timeout_completed(context, &timeout, nil)
            finishRetiring()
        }
        for stuck in retiring { _ = Unmanaged.passRetained(stuck) }
        if !retiring.isEmpty { report(.fault(.hardwareError, .reset, "libusb did not return a cancelled read of the scanner at shutdown")) }
        retiring = []
    }

    private func finishRetiring() {
        retiring.removeAll { closing in
            guard !closing.hasReadsInFlight else { return false }
            closing.finishClosing()
            return true
        }
    }

    /// Cancels the reads, waits for libusb to hand them back, releases and closes.
    private func close(_ closing: ScannerConnection, _ reason: ScannerConnectionEnding, announce: Bool = true) {
        closing.stop(reason)
        let deadline = ContinuousClock.now + .seconds(2)
        while closing.hasReadsInFlight, ContinuousClock.now < deadline {
            var timeout = Glibc.timeval(tv_sec: 0, tv_usec: 100_000)
            _ = libusb_handle_events_timeout_completed(context, &timeout, nil)
        }
        if closing.hasReadsInFlight {
            retiring.append(closing)
        } else {
            closing.finishClosing()
        }
        connection = nil
        connectedDevice = nil
        guard announce else { return }
        let ending = closing.ending ?? reason
        if ending.isFault {
            report(.fault(.hardwareError, .reset, "\(closing.scanner): \(ending) — unplug and replug the scanner"))
        } else {
            report(.detached(closing.scanner, reason: ending))
        }
    }
}
