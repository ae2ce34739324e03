internal import CUMockdev

/// Routes a UMockdevIoctlBase's `handle-ioctl` signal to a `UsbfsDevice`.
enum UMockdevIoctlSignal {
    /// Connects the signal; the connection holds a reference to `device` until it is disconnected.
    static func connect(_ handler: UnsafeMutablePointer<UMockdevIoctlBase>, to device: UsbfsDevice) -> gulong {
        let handleIoctl: @convention(c) (UnsafeMutablePointer<UMockdevIoctlBase>?, UnsafeMutablePointer<UMockdevIoctlClient>?, gpointer?) -> gboolean = { _, client, context in
            guard let client, let context else { return 0 }
            Unmanaged<UsbfsDevice>.fromOpaque(context).takeUnretainedValue().handle(client)
            return 1
        }
        let release: GClosureNotify = { context, _ in
            if let context { Unmanaged<UsbfsDevice>.fromOpaque(context).release() }
        }
        return g_signal_connect_data(
            handler, "handle-ioctl", unsafeBitCast(handleIoctl, to: GCallback.self),
            Unmanaged.passRetained(device).toOpaque(), release, GConnectFlags(rawValue: 0)
        )
    }
}
