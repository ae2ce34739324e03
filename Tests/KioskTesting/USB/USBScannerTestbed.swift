internal import CUMockdev
import Foundation

/// A USB scanner that exists only for this process: libumockdev's in-process testbed shows it in
/// the mocked /sys and /dev, and a usbfs emulation answers libusb's ioctls as the kernel and the
/// device would. Real libusb drives it, so code under test runs unchanged.
///
/// Needs umockdev's preload library in this process: tests re-run themselves with `runInside`
/// (see USBScannerTestbed+Inside.swift). One testbed per process; close libusb contexts before
/// the testbed goes away.
public final class USBScannerTestbed: @unchecked Sendable {
    public let device: Device
    private let testbed: UnsafeMutablePointer<UMockdevTestbed>
    private let handler: UnsafeMutablePointer<UMockdevIoctlBase>
    private let handlerSignal: gulong
    private let emulation: UsbfsDevice
    private let record: UMockdevUSBRecord
    private let rootDirectory: String
    private let plugLock = NSLock()
    private var isPlugged = false

    /// Creates the testbed and attaches the usbfs emulation to the device node; the device is
    /// not plugged in yet (`plug()`).
    public init(device: Device, kernelDriverActive: Bool = false) throws {
        guard Self.isActive else {
            throw TestFixtureError("USBScannerTestbed needs umockdev's preload: run the test through USBScannerTestbed.runInside")
        }
        self.device = device
        emulation = UsbfsDevice(spec: device, kernelDriverActive: kernelDriverActive)
        record = UMockdevUSBRecord(device: device, descriptors: emulation.descriptors)
        testbed = umockdev_testbed_new()
        handler = umockdev_ioctl_base_new()
        handlerSignal = UMockdevIoctlSignal.connect(handler, to: emulation)
        let root = umockdev_testbed_get_root_dir(testbed)
        rootDirectory = root.map { String(cString: $0) } ?? ""
        g_free(root)
        var error: UnsafeMutablePointer<GError>?
        guard umockdev_testbed_attach_ioctl(testbed, device.deviceNode, handler, &error) != 0 else {
            throw TestFixtureError("umockdev could not attach an ioctl handler to \(device.deviceNode): \(Self.describe(error))")
        }
    }

    deinit {
        unplug()
        g_object_unref(testbed)
        g_signal_handler_disconnect(handler, handlerSignal)
        g_object_unref(handler)
    }

    /// Plugs the device in: its sysfs entry and node appear and udev's "add" uevent goes out, so
    /// libusb's hotplug ARRIVED fires.
    public func plug() throws {
        try plugLock.withLock {
            guard !isPlugged else { throw TestFixtureError("\(device.deviceNode) is already plugged in") }
            let terminal = try ReapReadinessTerminal()
            let node = rootDirectory + device.deviceNode
            try FileManager.default.createDirectory(atPath: (node as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            unlink(node)
            guard symlink(terminal.slavePath, node) == 0 else {
                throw TestFixtureError("cannot link \(node) to \(terminal.slavePath): \(String(cString: strerror(errno)))")
            }
            emulation.plugged(into: terminal)
            var error: UnsafeMutablePointer<GError>?
            guard umockdev_testbed_add_from_string(testbed, record.text, &error) != 0 else {
                throw TestFixtureError("umockdev rejected the device description: \(Self.describe(error))")
            }
            isPlugged = true
        }
    }

    /// Pulls the device out: in-flight URBs complete with -ENODEV (LIBUSB_TRANSFER_NO_DEVICE), the
    /// open node reports POLLERR and answers ENODEV, the device leaves sysfs and udev's "remove"
    /// uevent goes out, so libusb's hotplug LEFT fires.
    public func unplug() {
        plugLock.withLock {
            guard isPlugged else { return }
            emulation.unplugged()?.hangUp()
            umockdev_testbed_uevent(testbed, record.sysfsPath, "remove")
            umockdev_testbed_remove_device(testbed, record.sysfsPath)
            isPlugged = false
        }
    }

    /// Completes the oldest pending interrupt-IN URB with these bytes, or the next one submitted.
    public func send(report: [UInt8]) {
        emulation.enqueue(.report(report))
    }

    /// The next interrupt-IN URB completes with this usbfs status instead, e.g. -EPIPE (a stall).
    public func failNextInterruptRead(status: Int32) {
        emulation.enqueue(.failure(status))
    }

    // MARK: Observations

    /// Interfaces claimed through usbfs (explicitly, or implicitly by a transfer) by open handles.
    public var claimedInterfaces: [UInt32] { emulation.claimedInterfaces }
    /// Kernel-driver detaches: USBDEVFS_DISCONNECT (libusb_detach_kernel_driver) or DISCONNECT_CLAIM.
    public var detachCount: Int { emulation.locked { emulation.detachCount } }
    /// Whether usbhid has interface 0 (USBDEVFS_GETDRIVER answers "usbhid"; ENODATA when free).
    public var kernelDriverActive: Bool { emulation.locked { emulation.kernelDriverBound } }
    /// Payloads of the SET_REPORT(Feature) requests the device received, report ID first.
    public var featureReports: [[UInt8]] { emulation.locked { emulation.featureReports } }
    /// Interrupt-IN URBs submitted and not yet completed.
    public var pendingInterruptReads: Int { emulation.pendingInterruptReads }
    /// Whether the driver has taken every report sent (reaped it and read again): what it decodes
    /// from them is decoded by now.
    public var everyReportTaken: Bool { emulation.interruptEventsNotTaken == 0 && emulation.pendingInterruptReads > 0 }
    /// Every usbfs ioctl handled so far: an idle driver makes none.
    public var ioctlCount: Int { emulation.locked { emulation.ioctlCount } }

    private static func describe(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error else { return "unknown error" }
        defer { g_error_free(error) }
        return String(cString: error.pointee.message)
    }
}
