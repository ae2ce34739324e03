internal import CUMockdev

/// One open of the usbfs node by the process under test (one libusb device handle): its URBs
/// and claimed interfaces, like the kernel's per-file `usb_dev_state`.
final class UsbfsClient {
    let client: UnsafeMutablePointer<UMockdevIoctlClient>
    /// The plug the node belonged to when it was opened; a later plug does not revive it.
    let plugGeneration: Int
    var pending: [SubmittedURB] = []
    var completed: [URBCompletion] = []
    var claimed: Set<UInt32> = []

    init(_ client: UnsafeMutablePointer<UMockdevIoctlClient>, plugGeneration: Int) {
        g_object_ref(client)
        self.client = client
        self.plugGeneration = plugGeneration
    }

    deinit { g_object_unref(client) }

    var key: UInt { UInt(bitPattern: client) }

    /// False once the process under test closed its fd (and umockdev noticed).
    var isOpen: Bool { umockdev_ioctl_client_get_connected(client) != 0 }

    func takePending(clientAddress: UInt) -> SubmittedURB? {
        guard let index = pending.firstIndex(where: { $0.clientAddress == clientAddress }) else { return nil }
        return pending.remove(at: index)
    }
}
