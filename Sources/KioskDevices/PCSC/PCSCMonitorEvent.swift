/// What the reader monitor reports, in the order pcscd showed it.
enum PCSCMonitorEvent: Sendable, Equatable {
    case readerAdded(String)
    case readerRemoved(String)
    case cardInserted(reader: String, atr: [UInt8])
    case cardRemoved(reader: String)
    /// pcscd is gone (stopped, crashed, restarting); the monitor keeps trying to reach it.
    case serviceLost(String)
    case serviceRestored
}
