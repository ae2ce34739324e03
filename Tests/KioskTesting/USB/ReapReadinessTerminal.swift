internal import CUMockdev
import Foundation

/// The file behind the emulated usbfs node, chosen so that poll(2) on it behaves like usbfs.
///
/// libusb polls a usbfs fd for POLLOUT, which the kernel raises only while a completed URB waits
/// to be reaped, and POLLERR|POLLHUP once the device is gone. umockdev makes a plain file for a
/// USB node, and a plain file is always writable: libusb's event loop then reaps (EAGAIN) in a
/// tight loop for as long as a device is open. So the node is a symlink to the slave side of a
/// pseudo-terminal instead: output flow control (tcflow TCOOFF/TCOON) switches its POLLOUT off and
/// on, and closing the master hangs it up, which poll reports as POLLERR|POLLHUP.
final class ReapReadinessTerminal {
    private var master: Int32
    private var slave: Int32
    let slavePath: String

    init() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, nil) == 0 else {
            throw TestFixtureError("openpty failed: \(String(cString: strerror(errno)))")
        }
        self.master = master
        self.slave = slave
        slavePath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        setReady(false)
    }

    /// POLLOUT on (a completion waits) or off.
    func setReady(_ ready: Bool) {
        guard slave >= 0 else { return }
        _ = tcflow(slave, ready ? TCOON : TCOOFF)
    }

    /// Closes the master: every open slave reports POLLERR|POLLHUP from now on, like a usbfs fd
    /// whose device was disconnected.
    func hangUp() {
        if master >= 0 { close(master) }
        if slave >= 0 { close(slave) }
        master = -1
        slave = -1
    }

    deinit { hangUp() }
}
