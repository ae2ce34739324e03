#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KioskCore
import Logging
import ServiceLifecycle
import Synchronization

/// The SSC slot read through the reader vendor's library for the ministry's standard terminal
/// interface (the "部标" SSCardDriver): the library authenticates with the reader's PSAM, which a
/// third-generation card (contactless, SM algorithms) needs before it gives out personal records.
/// Loaded with dlopen(3); its calls run on a queue of their own under the watchdog.
///
/// The C ABI, as vendors' headers declare it (plain cdecl on Linux; `long` is 64 bits there, but
/// some libraries declare `int`, so only the low 32 bits of a result are used):
///
///     long iReadCardBas(int iType, char *pOutInfo);     // SSCLibraryAnswer.basic
///     long iReadCard(int iType, int iAuthType, char *pCardInfo, char *pFileAddr, char *pOutInfo);  // optional
///     long iGetReaderInfo(char *pReaderSN, char *pPsamTermNo);   // optional, a vendor extension
///
/// `iType` 1 contact, 2 contactless, 3 either (contact first), 4 either (contactless first). 0 is
/// success; failures are `SSCLibraryCode`s, with a text in `pOutInfo`. The interface has no call
/// that says whether a card is in the reader, so the service calls iReadCardBas every
/// `pollInterval` (1 s: one read of the card's basic records, the rest of the time asleep): a card
/// is present while the call does not answer -2 (无卡). The holder's gender, nation and birth date
/// come from `iReadCard` (`SSSEEF05|02|$SSSEEF06|0A|0B|0D|$`) when the library exports it.
///
/// `iGetReaderInfo` is not in the interface's core set; the vendor headers that have it declare it as
/// above (reader serial number, then the PSAM's 终端机编号), but one province's SiCardDriver declares the
/// two the other way round (`iGetReaderInfo(StringBuilder psamNo, StringBuilder devCSN)`). It is called
/// when the library loads, for `diag` only: its failure is shown there but does not fault the slot, and
/// it is called again after the next card read. Once a card read has given the PSAM's terminal number,
/// that number tells which of the two answers is which, and it is the one `diag` shows.
public final class SSCLibraryReader: SlotReader {
    public var slot: CardKind { .socialSecurityCard }

    public struct Settings: Sendable, Equatable {
        /// `iType`.
        public var cardType: Int
        public var callTimeout: Duration
        public var pollInterval: Duration

        public init(cardType: Int = 3, callTimeout: Duration = .seconds(5), pollInterval: Duration = .seconds(1)) {
            self.cardType = cardType
            self.callTimeout = callTimeout
            self.pollInterval = pollInterval
        }
    }

    public let libraryPath: String
    public let settings: Settings
    public var name: String { "library:\(libraryPath)" }
    public var events: AsyncStream<CardEvent> { polled.events }
    private let polled: PolledCardSlot
    private let calls = WatchedCallQueue(label: "ssc-library")
    private let gate = RequestGate()
    private let clock: any Clock<Duration>
    private let today: @Sendable () -> CalendarDate
    private let logger: Logger
    private let state = Mutex(State())

    struct State {
        var library: Library?
        var problem: KioskError?
        /// 终端机编号 of the reader's PSAM, from the last read (not personal data).
        var terminalNumber: String?
        /// iGetReaderInfo's two answers (trimmed), in the order of its declaration; or why the call failed.
        var readerInfo: Result<(serial: String, terminal: String), KioskError>?
    }

    typealias ReadCardBas = @convention(c) (Int32, UnsafeMutablePointer<CChar>?) -> CLong
    typealias ReadCard = @convention(c) (Int32, Int32, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<CChar>?) -> CLong
    typealias GetReaderInfo = @convention(c) (UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<CChar>?) -> CLong

    struct Library: @unchecked Sendable {
        let readCardBas: ReadCardBas
        let readCard: ReadCard?
        let getReaderInfo: GetReaderInfo?
        /// The path, with the versioned file it linked to when loaded.
        let described: String
    }

    /// What callers of the interface allocate, with room to spare.
    static let answerCapacity = 4096

    public init(libraryPath: String, settings: Settings = Settings(), clock: any Clock<Duration>, today: @escaping @Sendable () -> CalendarDate, logger: Logger) {
        self.libraryPath = libraryPath
        self.settings = settings
        self.clock = clock
        self.today = today
        self.logger = logger
        polled = PolledCardSlot(kind: .socialSecurityCard, name: "library:\(libraryPath)")
    }

    // MARK: The service

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.poll()
                try? await self.clock.sleep(for: self.settings.pollInterval)
            }
        }
        polled.finish()
    }

    /// One iReadCardBas: whether a card is there (what it holds is dropped at once).
    func poll() async {
        do throws(KioskError) {
            try await gate.run { () throws(KioskError) in
                do throws(KioskError) {
                    _ = try await self.basic()
                    self.cardPresence(true)
                } catch where error.code == .cardRemoved {
                    self.cardPresence(false)
                } catch where error.code != .cardReaderMissing && error.code != .cardNotResponding {
                    // A card is there, but it cannot be read (wrong type, PSAM, a status word).
                    self.cardPresence(true)
                }
            }
        } catch {
            polled.readerLost()
        }
    }

    // MARK: Reading

    public func read() async throws(KioskError) -> CardHolder {
        let holder = try await readCard()
        if let refusal = holder.refusal(today: today()) { throw refusal }
        return holder
    }

    /// The card as read, without judging it: technicians see expired cards and bad numbers too.
    public func readCard() async throws(KioskError) -> CardHolder {
        try await gate.run { () throws(KioskError) in
            let basic = try await self.basic()
            let records = try await self.holderRecords()
            return try SSCLibraryAnswer.holder(basic, records: records)
        }
    }

    private func basic() async throws(KioskError) -> SSCLibraryAnswer.Basic {
        let cardType = Int32(settings.cardType)
        let answer = try await call("iReadCardBas") { library, buffer in library.readCardBas(cardType, buffer) }
        let basic = try SSCLibraryAnswer.basic(answer)
        let infoFailed = state.withLock { state in
            state.terminalNumber = basic.terminalNumber.isEmpty ? nil : basic.terminalNumber
            if case .failure = state.readerInfo { return true }
            return false
        }
        if infoFailed { await readReaderInfo(try await loadedLibrary()) }
        return basic
    }

    /// 卡类别, 性别, 民族, 出生日期, when the library has iReadCard; none otherwise.
    private func holderRecords() async throws(KioskError) -> [String: [String: String]] {
        guard try await loadedLibrary().readCard != nil else { return [:] }
        let cardType = Int32(settings.cardType)
        let answer = try await call("iReadCard") { library, buffer in
            var address = Array(SSCLibraryAnswer.holderRecordsAddress.utf8CString)
            var cardInfo: [CChar] = [0]
            // iAuthType 1: the PIN-less read of the personal records (the library authenticates with its PSAM).
            return library.readCard?(cardType, 1, &cardInfo, &address, buffer) ?? -13
        }
        return try SSCLibraryAnswer.records(answer, address: SSCLibraryAnswer.holderRecordsAddress)
    }

    /// One library call on the queue under the watchdog; its answer, or its code as a `KioskError`.
    private func call(_ function: String, _ body: @escaping @Sendable (Library, UnsafeMutablePointer<CChar>) -> CLong) async throws(KioskError) -> [UInt8] {
        try await call(function, library: try await loadedLibrary()) { library, buffer, _ in body(library, buffer) }.first
    }

    /// `body` on the queue under the watchdog with two answer buffers; their text, or the call's code as a
    /// `KioskError` with the text of both buffers (a library may fill one answer and fail on the other).
    /// A failure faults the slot (`status()`) unless `faultsSlot` is false; a success clears the fault.
    private func call(_ function: String, library: Library, faultsSlot: Bool = true,
                      _ body: @escaping @Sendable (Library, UnsafeMutablePointer<CChar>, UnsafeMutablePointer<CChar>) -> CLong) async throws(KioskError) -> (first: [UInt8], second: [UInt8]) {
        if let refusal = calls.refusal(device: "the SSC reader's library \(libraryPath)") { throw refusal }
        do throws(KioskError) {
            let answers = try await calls.run(function, device: "the SSC reader's library \(libraryPath)", timeout: settings.callTimeout) {
                () throws(KioskError) -> (first: [UInt8], second: [UInt8]) in
                var first = [CChar](repeating: 0, count: Self.answerCapacity), second = first
                let code = first.withUnsafeMutableBufferPointer { one in
                    second.withUnsafeMutableBufferPointer { two in body(library, one.baseAddress!, two.baseAddress!) }
                }
                let texts = [first, second].map { buffer in buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) } }
                let result = Int32(truncatingIfNeeded: code)
                guard result == 0 else {
                    throw SSCLibraryCode.error(result, call: function, text: Array(texts.filter { !$0.isEmpty }.joined(separator: Array(" / ".utf8))))
                }
                return (texts[0], texts[1])
            }
            if faultsSlot { state.withLock { $0.problem = nil } }
            return answers
        } catch {
            if faultsSlot, error.code != .cardRemoved { noteProblem(error) }
            throw error
        }
    }

    /// The reader's serial number and its PSAM's terminal number, where the library has iGetReaderInfo.
    private func readReaderInfo(_ library: Library) async {
        guard library.getReaderInfo != nil else { return }
        let info: Result<(serial: String, terminal: String), KioskError>
        do throws(KioskError) {
            let (first, second) = try await call("iGetReaderInfo", library: library, faultsSlot: false) { library, serial, terminal in
                library.getReaderInfo?(serial, terminal) ?? -13
            }
            info = .success((try SSCLibraryAnswer.text(first, what: "iGetReaderInfo").trimmingCharacters(in: .whitespaces),
                             try SSCLibraryAnswer.text(second, what: "iGetReaderInfo").trimmingCharacters(in: .whitespaces)))
        } catch {
            info = .failure(error)
        }
        let fresh = state.withLock { state in
            defer { state.readerInfo = info }
            guard case .failure(let error) = info else { return nil as String? }
            if case .failure(let before) = state.readerInfo, before.message == error.message { return nil }
            return error.message
        }
        if let fresh { logger.notice("SSC reader information not read", metadata: [LogKey.reader: "\(name)", LogKey.detail: "\(fresh)"]) }
    }

    private func loadedLibrary() async throws(KioskError) -> Library {
        if let library = state.withLock({ $0.library }) { return library }
        do throws(KioskError) {
            let library = try Self.load(libraryPath)
            state.withLock { $0.library = library }
            polled.readerOpened()
            logger.notice("SSC reader library loaded", metadata: [LogKey.reader: "\(name)", LogKey.detail: "\(library.calls)"])
            await readReaderInfo(library)
            return library
        } catch {
            noteProblem(error)
            throw error
        }
    }

    /// The library loaded and its calls resolved, or what is wrong with it. Never unloaded: a call
    /// that did not return may still be inside it.
    static func load(_ path: String) throws(KioskError) -> Library {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw KioskError(.cardReaderMissing, "cannot load the SSC reader's library: \(reason)")
        }
        guard let readCardBas = dlsym(handle, "iReadCardBas") else {
            throw KioskError(.cardReaderMissing, "\(path) does not export iReadCardBas: is it the reader's standard (部标) SSCardDriver library?")
        }
        return Library(readCardBas: unsafeBitCast(readCardBas, to: ReadCardBas.self),
                       readCard: dlsym(handle, "iReadCard").map { unsafeBitCast($0, to: ReadCard.self) },
                       getReaderInfo: dlsym(handle, "iGetReaderInfo").map { unsafeBitCast($0, to: GetReaderInfo.self) },
                       described: SharedLibraryFile.described(path))
    }

    private func noteProblem(_ error: KioskError) {
        let fresh = state.withLock { state in
            defer { state.problem = error }
            return state.problem?.message != error.message
        }
        if fresh { logger.error("SSC reader fault", metadata: [LogKey.reader: "\(name)", LogKey.error: "\(error.code)", LogKey.detail: "\(error.message)"]) }
    }

    private func cardPresence(_ present: Bool) {
        polled.cardPresence(present) { () throws(KioskError) in try await self.readReport() }
    }

    // MARK: Technicians

    public var cardPresent: Bool { polled.cardPresent }

    public func readReport() async throws(KioskError) -> CardReport {
        CardReport(holder: try await readCard(), reader: name, today: today())
    }

    public func readerInfo() -> CardReaderInfo { polled.readerInfo() }

    public func readCardsForWatchers(when allowed: @escaping @Sendable () async -> Bool) {
        polled.readCardsForWatchers(when: allowed)
    }

    public func watch() -> AsyncStream<CardWatchEvent> { polled.watch() }

    /// The slot for `kioskctl status` and `diag`: the library, the reader's serial number, the PSAM's
    /// terminal number, and any fault.
    public func status() -> DeviceStatus {
        let (library, problem, readTerminal, info) = state.withLock { ($0.library, $0.problem, $0.terminalNumber, $0.readerInfo) }
        if let stuck = calls.stuckCall {
            return DeviceStatus(role: .sscReader, selector: name, state: .hardwareError, requiredAction: .reset,
                                detail: "\(name) has not returned from \(stuck): unplug the reader and plug it in again, or restart kioskd")
        }
        guard let library else {
            return DeviceStatus(role: .sscReader, selector: name, state: problem == nil ? .offline : .noDevice,
                                requiredAction: problem == nil ? nil : .maintenance, detail: problem?.message ?? "\(libraryPath) not loaded yet")
        }
        if let problem, problem.code == .cardReaderMissing || problem.code == .cardReaderSAMFailed {
            return DeviceStatus(role: .sscReader, selector: name, state: problem.code == .cardReaderMissing ? .noDevice : .hardwareError,
                                requiredAction: .maintenance, detail: problem.message)
        }
        var reader = ""
        var terminal = readTerminal ?? "not read yet"
        switch info {
        case .success(let answer):
            // The last read's terminal number is the PSAM's now; the other answer is the reader's.
            let serial = answer.serial == readTerminal ? answer.terminal : answer.serial
            reader = serial.isEmpty ? "" : ", reader \(serial)"
            if readTerminal == nil, !answer.terminal.isEmpty { terminal = answer.terminal }
        case .failure(let error):
            reader = ", iGetReaderInfo failed: \(error.message)"
        case nil:
            break
        }
        return DeviceStatus(role: .sscReader, selector: name, state: .online,
                            detail: "部标 SSC library \(library.described) (\(library.calls))\(reader), PSAM terminal \(terminal)")
    }
}

extension SSCLibraryReader.Library {
    /// Which of the interface's calls the library has, for the log and `diag`.
    var calls: String {
        let info = getReaderInfo == nil ? "" : ", iGetReaderInfo"
        return readCard == nil ? "iReadCardBas only: gender, nation and birth date are not read\(info)" : "iReadCardBas and iReadCard\(info)"
    }
}
