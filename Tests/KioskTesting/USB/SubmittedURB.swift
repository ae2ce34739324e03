internal import CUMockdev

/// Memory of the process under test that libumockdev copied in (and copies back on completion).
enum IoctlMemory {
    /// Resolves the pointer stored at `offset` of `parent` into a local copy of `length` bytes;
    /// the result carries a reference of its own (nil for a null pointer or no length).
    static func resolve(_ parent: UnsafeMutablePointer<UMockdevIoctlData>, offset: Int, length: Int) -> UnsafeMutablePointer<UMockdevIoctlData>? {
        guard length > 0 else { return nil }
        return umockdev_ioctl_data_resolve(parent, gsize(offset), gsize(length), nil)
    }

    static func bytes(_ data: UnsafeMutablePointer<UMockdevIoctlData>) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(data.pointee.data)
    }

    static func count(_ data: UnsafeMutablePointer<UMockdevIoctlData>) -> Int { Int(data.pointee.data_len) }

    /// The ioctl argument itself, the pointer-sized value the caller passed.
    static func argumentValue(_ argument: UnsafeMutablePointer<UMockdevIoctlData>) -> UInt {
        bytes(argument).loadUnaligned(as: UInt.self)
    }

    /// Resolves a struct argument (`length` bytes at the argument pointer) and runs `body` on it.
    static func withStruct<Result>(
        _ argument: UnsafeMutablePointer<UMockdevIoctlData>, length: Int, _ body: (UnsafeMutableRawPointer) -> Result
    ) -> Result? {
        guard let data = resolve(argument, offset: 0, length: length) else { return nil }
        defer { g_object_unref(data) }
        return body(bytes(data))
    }
}

/// A URB the process under test submitted (USBDEVFS_SUBMITURB), kept until it is reaped.
final class SubmittedURB {
    let urb: UnsafeMutablePointer<UMockdevIoctlData>
    let buffer: UnsafeMutablePointer<UMockdevIoctlData>?
    /// The URB's address in the process under test: what DISCARDURB names.
    let clientAddress: UInt
    let type: UInt8
    let endpoint: UInt8
    let bufferLength: Int
    let sequence: Int

    init?(argument: UnsafeMutablePointer<UMockdevIoctlData>, sequence: Int) {
        guard let urb = IoctlMemory.resolve(argument, offset: 0, length: MemoryLayout<usbdevfs_urb>.size) else { return nil }
        self.urb = urb
        clientAddress = UInt(urb.pointee.client_addr)
        let fields = IoctlMemory.bytes(urb).assumingMemoryBound(to: usbdevfs_urb.self).pointee
        type = fields.type
        endpoint = fields.endpoint
        bufferLength = Int(max(0, fields.buffer_length))
        buffer = IoctlMemory.resolve(urb, offset: MemoryLayout<usbdevfs_urb>.offset(of: \.buffer)!, length: bufferLength)
        self.sequence = sequence
    }

    deinit {
        g_object_unref(urb)
        if let buffer { g_object_unref(buffer) }
    }

    /// An IN URB for an interrupt endpoint; usbfs turns a bulk URB to an interrupt endpoint into
    /// an interrupt one, so libusb_bulk_transfer works there too.
    var isInterruptIn: Bool {
        (type == UInt8(USBDEVFS_URB_TYPE_INTERRUPT) || type == UInt8(USBDEVFS_URB_TYPE_BULK)) && endpoint & 0x80 != 0
    }
    var isControl: Bool { type == UInt8(USBDEVFS_URB_TYPE_CONTROL) }

    /// The buffer as the process under test filled it (for control transfers: setup packet first).
    var bufferContents: [UInt8] {
        guard let buffer else { return [] }
        let count = min(bufferLength, IoctlMemory.count(buffer))
        return [UInt8](UnsafeRawBufferPointer(start: IoctlMemory.bytes(buffer), count: count))
    }

    /// Fills in the completion: status, actual length, and data copied in at `dataOffset`
    /// (8 for control transfers, after the setup packet).
    func complete(_ completion: URBCompletion) {
        let fields = IoctlMemory.bytes(urb).assumingMemoryBound(to: usbdevfs_urb.self)
        fields.pointee.status = completion.status
        fields.pointee.actual_length = completion.actualLength
        guard let buffer, !completion.data.isEmpty else { return }
        let offset = isControl ? 8 : 0
        let room = max(0, min(bufferLength, IoctlMemory.count(buffer)) - offset)
        completion.data.prefix(room).withUnsafeBytes { source in
            IoctlMemory.bytes(buffer).advanced(by: offset).copyMemory(from: source.baseAddress!, byteCount: source.count)
        }
    }
}

/// How a URB completes: usbfs status (0 or -errno), data for the caller and the actual length.
struct URBCompletion {
    let urb: SubmittedURB
    let status: Int32
    let data: [UInt8]
    let actualLength: Int32

    static func received(_ urb: SubmittedURB, _ data: [UInt8]) -> URBCompletion {
        let data = Array(data.prefix(max(0, urb.bufferLength - (urb.isControl ? 8 : 0))))
        return URBCompletion(urb: urb, status: 0, data: data, actualLength: Int32(data.count))
    }

    static func failed(_ urb: SubmittedURB, status: Int32) -> URBCompletion {
        URBCompletion(urb: urb, status: status, data: [], actualLength: 0)
    }
}
