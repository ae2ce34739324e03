/// Why a scanner connection ended.
public enum ScannerConnectionEnding: Sendable, Equatable, CustomStringConvertible {
    /// The device left the bus: hot-plug said so, or a read or a request found it gone.
    case unplugged
    /// kioskd is stopping.
    case stopping
    /// The connection cannot go on (repeated read failures, a stall that cannot be cleared); the
    /// technician's fix is to replug the scanner.
    case failed(String)

    public var isFault: Bool {
        if case .failed = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .unplugged: "unplugged"
        case .stopping: "kioskd is stopping"
        case .failed(let why): why
        }
    }
}

/// What became of one interrupt-IN read.
public enum ScannerReadOutcome: Sendable, Equatable {
    case data([UInt8])
    /// The endpoint answered STALL: it must be cleared (outside the read's completion) before reading on.
    case stalled
    case deviceGone
    /// Cancelled by the connection (it is closing).
    case cancelled
    case failed(String)
}

/// How a request to the scanner failed.
public enum ScannerTransportFailure: Error, Sendable, Equatable {
    case deviceGone
    case failed(String)
}

/// What the scanner connection asks of its transport, or tells its owner.
public enum ScannerConnectionAction: Sendable, Equatable {
    /// HID SET_REPORT (Feature), e.g. the command that switches a scanner into HID POS mode.
    case sendFeatureReport([UInt8])
    case submitRead
    case clearHalt
    case cancelReads
    /// A complete code, or a dropped partial one (the reason holds none of the code).
    case deliver(ScanDecodeResult)
    /// Something the technician should know that does not end the connection.
    case warn(String)
}

/// The scanner connection without its I/O: reads in flight, stalls, consecutive failures, unplug
/// and stop, and the decoder the reports go through. Its owner performs each action on the device
/// and feeds the result back; `ending` says when (and why) the connection must be closed.
public struct ScannerConnectionMachine: Sendable {
    /// One read waiting is enough: a HID device holds its report until the host polls, and the read
    /// is resubmitted as soon as it completes, so nothing is lost between reads.
    public static let readsInFlight = 1
    public static let failuresBeforeFault = 5

    private var decoder: ScannerReportDecoder
    private let initFeatureReport: [UInt8]?
    private var readsWaiting = 0
    private var consecutiveFailures = 0
    private var needsClearHalt = false
    /// Set by `stop`: nothing is resubmitted or delivered after that.
    private var closing = false
    /// Why the connection must be closed; nil while it is healthy.
    public private(set) var ending: ScannerConnectionEnding?

    public init(mode: ScannerMode, model: ScannerModel) {
        decoder = ScannerReportDecoder(mode: mode, model: model)
        initFeatureReport = model.initFeatureReport.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The device is open and its interface claimed.
    public mutating func start() -> [ScannerConnectionAction] {
        (initFeatureReport.map { [.sendFeatureReport($0)] } ?? []) + Array(repeating: .submitRead, count: Self.readsInFlight)
    }

    /// A scanner that refuses its init report keeps working in the mode it is in: reported, not fatal.
    public mutating func featureReportSent(_ failure: ScannerTransportFailure?) -> [ScannerConnectionAction] {
        switch failure {
        case nil: return []
        case .deviceGone:
            end(.unplugged)
            return []
        case .failed(let why):
            return [.warn("the scanner refused its init feature report (\(why)) — check its mode with the vendor's configuration codes")]
        }
    }

    public mutating func readSubmitted(_ failure: ScannerTransportFailure?) -> [ScannerConnectionAction] {
        switch failure {
        case nil: readsWaiting += 1
        case .deviceGone: end(.unplugged)
        case .failed(let why): end(.failed("cannot submit the interrupt read: \(why)"))
        }
        return []
    }

    /// `now` times a keyboard-mode code's inter-key timeout.
    public mutating func readCompleted(_ outcome: ScannerReadOutcome, at now: Duration) -> [ScannerConnectionAction] {
        readsWaiting = max(0, readsWaiting - 1)
        switch outcome {
        case .data(let report):
            // A read whose cancel came too late is handed back as completed: while closing it is dropped.
            guard !closing else { return [] }
            consecutiveFailures = 0
            return deliver(decoder.decode(report: report, at: now)) + readAgain()
        case .stalled:
            needsClearHalt = true
            return []
        case .deviceGone:
            end(.unplugged)
            return []
        case .cancelled:
            return []
        case .failed(let why):
            consecutiveFailures += 1
            guard consecutiveFailures < Self.failuresBeforeFault else {
                end(.failed("\(why), \(consecutiveFailures) times in a row"))
                return []
            }
            return readAgain()
        }
    }

    /// Work that cannot be done inside a read's completion: dropping a stale partial code, clearing a stall.
    public mutating func housekeeping(at now: Duration) -> [ScannerConnectionAction] {
        let expired = deliver(decoder.expire(at: now))
        guard needsClearHalt, ending == nil, !closing else { return expired }
        needsClearHalt = false
        return expired + [.clearHalt]
    }

    public mutating func haltCleared(_ failure: ScannerTransportFailure?) -> [ScannerConnectionAction] {
        switch failure {
        case nil:
            return [.deliver(.discarded("the scanner's endpoint stalled; cleared and reading again"))]
                + Array(repeating: .submitRead, count: max(0, Self.readsInFlight - readsWaiting))
        case .deviceGone:
            end(.unplugged)
        case .failed(let why):
            end(.failed("the endpoint stalled and cannot be cleared: \(why)"))
        }
        return []
    }

    /// The owner closes the connection (`reason` unless it has already ended for another).
    public mutating func stop(_ reason: ScannerConnectionEnding) -> [ScannerConnectionAction] {
        end(reason)
        guard !closing else { return [] }
        closing = true
        return readsWaiting > 0 ? [.cancelReads] : []
    }

    /// Reads submitted and not yet handed back: the device cannot be closed before they are.
    public var hasReadsInFlight: Bool { readsWaiting > 0 }

    /// The interface is released before closing, unless the device is gone (nothing to release).
    public var releasesInterface: Bool { ending != .unplugged }

    /// When the owner must call `housekeeping` to drop a partial code; nil when nothing is pending.
    public var pendingDeadline: Duration? { decoder.pendingDeadline }

    private mutating func end(_ reason: ScannerConnectionEnding) {
        if ending == nil { ending = reason }
    }

    private func readAgain() -> [ScannerConnectionAction] {
        ending == nil && !closing ? [.submitRead] : []
    }

    private func deliver(_ result: ScanDecodeResult) -> [ScannerConnectionAction] {
        result == .pending ? [] : [.deliver(result)]
    }
}
