import KioskCore

/// GA 467 frames on a serial line (RS-232, or a USB-serial bridge: `/dev/ttyUSB*`, `/dev/ttyACM*`),
/// 115200 8N1 unless kiosk.conf says otherwise. Used from the reader's queue only.
public final class SerialGA467Port: GA467Port, @unchecked Sendable {
    public let path: String
    public let baud: Int
    private let clock: ContinuousClock
    private var link: GA467SerialLink?

    /// `clock` times the line's I/O deadlines (real time: poll(2) waits in it).
    public init(path: String, baud: Int = 115_200, clock: ContinuousClock) {
        self.path = path
        self.baud = baud
        self.clock = clock
    }

    public var name: String { "serial:\(path)" }
    public var connection: String { "GA 467 on \(path) at \(baud) baud" }

    public func open(timeout: Duration) throws(KioskError) {
        link = GA467SerialLink(line: try SerialLine(path: path, baud: baud, clock: clock))
    }

    public func exchange(_ command: GA467Command, timeout: Duration) throws(KioskError) -> GA467Exchange {
        guard let link else { throw KioskError(.cardReaderMissing, "\(path) is not open") }
        return try link.exchange(command, timeout: timeout)
    }

    public func close() {
        link?.line.close()
        link = nil
    }
}
