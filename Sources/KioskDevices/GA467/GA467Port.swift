import KioskCore

/// How GA 467 commands reach an ID reader's SAM: frames on a serial line (`SerialGA467Port`) or the
/// vendor SDK's calls (`SDTAPIPort`). `GA467Reader` calls it on a queue of its own, one command at a
/// time; each call may block until its timeout (the reader's watchdog covers calls that do not return).
public protocol GA467Port: AnyObject, Sendable {
    /// How kiosk.conf and technicians name the reader: `serial:/dev/…`, `sdtapi:/…?port=N`.
    var name: String { get }
    /// Opens the device; the SAM's status and number are then asked with `exchange`.
    func open(timeout: Duration) throws(KioskError)
    /// One command and its answer.
    func exchange(_ command: GA467Command, timeout: Duration) throws(KioskError) -> GA467Exchange
    func close()
    /// What `diag` says of the connection, e.g. "GA 467 on /dev/ttyUSB0 at 115200 baud".
    var connection: String { get }
}

/// An answer, and how many bytes of noise came before it (serial lines only).
public struct GA467Exchange: Sendable {
    public let response: GA467Response
    public let skippedBytes: Int

    public init(response: GA467Response, skippedBytes: Int = 0) {
        self.response = response
        self.skippedBytes = skippedBytes
    }
}
