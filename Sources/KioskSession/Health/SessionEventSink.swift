import KioskCore

/// Where daemon-side events go: the SessionController.
public protocol SessionEventSink: Sendable {
    func send(_ event: SessionEvent) async
}

extension SessionController: SessionEventSink {}
