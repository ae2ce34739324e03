internal import CUMockdev
import Foundation

/// The device side of usbfs for one emulated USB device: what the kernel and the device would
/// answer to libusb's ioctls (see UsbfsDevice+Ioctl.swift), plus the test's controls.
///
/// libumockdev calls `handle(_:)` on its worker thread; the test calls the rest from its own
/// threads. One lock guards all state.
final class UsbfsDevice: @unchecked Sendable {
    let spec: USBScannerTestbed.Device
    let descriptors: USBDescriptorSet
    let lock = NSLock()

    var clients: [UInt: UsbfsClient] = [:]
    var plugGeneration = 0
    var isPlugged = false
    var terminal: ReapReadinessTerminal?
    var urbSequence = 0

    /// Reports and failures for interrupt-IN URBs, delivered oldest first to the oldest URB.
    var interruptEvents: [InterruptEvent] = []
    var kernelDriverBound: Bool
    var detachCount = 0
    var featureReports: [[UInt8]] = []
    var ioctlCount = 0

    enum InterruptEvent {
        case report([UInt8])
        case failure(Int32)
    }

    init(spec: USBScannerTestbed.Device, kernelDriverActive: Bool) {
        self.spec = spec
        descriptors = USBDescriptorSet(spec)
        kernelDriverBound = kernelDriverActive
    }

    func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: The test's side (callers hold no lock)

    func plugged(into terminal: ReapReadinessTerminal) {
        locked {
            plugGeneration += 1
            isPlugged = true
            self.terminal = terminal
            updateReadiness()
        }
    }

    /// Completes every in-flight URB with -ENODEV and forgets queued reports; returns the
    /// terminal to hang up.
    func unplugged() -> ReapReadinessTerminal? {
        locked {
            isPlugged = false
            interruptEvents.removeAll()
            for client in clients.values {
                client.completed += client.pending.map { URBCompletion.failed($0, status: -ENODEV) }
                client.pending.removeAll()
                client.claimed.removeAll()
            }
            defer { terminal = nil }
            return terminal
        }
    }

    func enqueue(_ event: InterruptEvent) {
        locked {
            interruptEvents.append(event)
            deliverInterruptEvents()
        }
    }

    var claimedInterfaces: [UInt32] {
        locked {
            pruneClosedClients()
            return currentClients.reduce(into: Set<UInt32>()) { $0.formUnion($1.claimed) }.sorted()
        }
    }

    /// Reports and failures not yet taken by the driver: queued, or completed and not yet reaped.
    var interruptEventsNotTaken: Int {
        locked { interruptEvents.count + currentClients.reduce(0) { $0 + $1.completed.count } }
    }

    var pendingInterruptReads: Int {
        locked { currentClients.reduce(0) { $0 + $1.pending.filter(\.isInterruptIn).count } }
    }

    // MARK: Shared by the ioctl handlers (callers hold the lock)

    /// Clients opened on the device as it is plugged now.
    var currentClients: [UsbfsClient] {
        clients.values.filter { isPlugged && $0.plugGeneration == plugGeneration }
    }

    func pruneClosedClients() {
        for (key, client) in clients where !client.isOpen {
            clients[key] = nil
        }
        updateReadiness()
    }

    /// POLLOUT on the node while a completion waits, as usbfs does.
    func updateReadiness() {
        terminal?.setReady(currentClients.contains { !$0.completed.isEmpty })
    }

    func deliverInterruptEvents() {
        while !interruptEvents.isEmpty {
            let waiting = currentClients.flatMap { client in client.pending.filter(\.isInterruptIn).map { (client, $0) } }
            guard let (client, urb) = waiting.min(by: { $0.1.sequence < $1.1.sequence }) else { break }
            _ = client.takePending(clientAddress: urb.clientAddress)
            switch interruptEvents.removeFirst() {
            case .report(let bytes): client.completed.append(.received(urb, bytes))
            case .failure(let status): client.completed.append(.failed(urb, status: status))
            }
        }
        updateReadiness()
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data("USBScannerTestbed: \(message)\n".utf8))
    }
}
