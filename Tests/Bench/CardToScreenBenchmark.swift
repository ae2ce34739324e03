import Foundation
import KioskCore
import KioskSimulators
import KioskTesting
import Synchronization

/// Card inserted → enrollment on screen, through each card back end, end to end: kioskd as in
/// production (not --demo) with the slot on that back end at its production polling, the sandbox
/// backend over HTTP, and the resident page in the system Chromium (Tests/UITests/bench_card_screen.py).
///
/// A round: the page listens; after a pause drawn uniformly from one second (a resident comes at any
/// point of a polling back end's cycle) the card goes in and its wall-clock time is noted; the page
/// notes the same clock when the enrollment renders; 退出; the card comes out and the round ends once
/// kioskd has seen it gone. The simulators answer at once: a real reader adds its own time (an ID card's
/// RF and SAM, about a second by vendors' figures; 1295 bytes at 115200 baud, about 112 ms, on a serial
/// line), which the back ends' read rows of `--id-readers` separate from kioskd's.
struct CardToScreenBenchmark {
    let rounds: Int
    let python: String
    let probe: String

    enum BackEnd: String, CaseIterable {
        case pcscID = "ID card, PC/SC tunnel (pcscd+vpcd)"
        case serial = "ID card, GA 467 serial (pty)"
        case sdtapi = "ID card, sdtapi C ABI (double) over the pty"
        case pcscSSC = "SSC, PC/SC (pcscd+vpcd)"
        case library = "SSC, 部标 library C ABI (double, on PC/SC)"

        var slot: CardKind { [.pcscSSC, .library].contains(self) ? .socialSecurityCard : .idCard }
    }

    func run() async throws -> [BenchRow] {
        try await PCSCStack.shared.start()
        let sandbox: SandboxHTTPServer
        do {
            sandbox = try await SandboxHTTPServer()
        } catch {
            await PCSCStack.shared.stop()
            throw error
        }
        do {
            let rows = try await measureAll(sandbox: sandbox)
            await sandbox.stop()
            await PCSCStack.shared.stop()
            return rows
        } catch {
            await sandbox.stop()
            await PCSCStack.shared.stop()
            throw error
        }
    }

    private func measureAll(sandbox: SandboxHTTPServer) async throws -> [BenchRow] {
        var rows: [BenchRow] = []
        var random = SplitMix64(seed: 0x4B494F534B)
        for backEnd in BackEnd.allCases {
            let samples = try await measure(backEnd, sandbox: sandbox, random: &random)
            rows += samples.reportedRows("card inserted -> enrollment on screen, \(backEnd.rawValue) (n=\(rounds))")
        }
        return rows
    }

    private func measure(_ backEnd: BackEnd, sandbox: SandboxHTTPServer, random: inout SplitMix64) async throws -> LatencySamples {
        let serialDevice = try PseudoTerminalIDCardReader()
        defer { serialDevice.unplug() }
        var double: LibraryDouble?
        defer { double?.directory.remove() }
        let selector: (ssc: String, id: String)
        switch backEnd {
        case .pcscID, .pcscSSC:
            selector = (PCSCStack.sscReader.pcscName, PCSCStack.idcardReader.pcscName)
        case .serial:
            selector = (PCSCStack.sscReader.pcscName, "serial:\(serialDevice.devicePath)")
        case .sdtapi:
            double = try await LibraryDouble.sdtapi(ports: [1001: serialDevice.devicePath])
            selector = (PCSCStack.sscReader.pcscName, "sdtapi:\(double!.libraryPath)?port=1001")
        case .library:
            double = try await LibraryDouble.sscDriver(reader: PCSCStack.sscReader.pcscName)
            selector = ("library:\(double!.libraryPath)", PCSCStack.idcardReader.pcscName)
        }
        let kioskd = try DaemonFixture(sandboxURL: sandbox.url, sscReader: selector.ssc, idcardReader: selector.id)
        defer { kioskd.stop() }
        do {
            return try await rounds(backEnd, kioskd: kioskd, readerName: backEnd.slot == .idCard ? selector.id : selector.ssc,
                                    serialDevice: serialDevice, random: &random)
        } catch {
            throw BenchFailure("\(backEnd.rawValue): \(error)\n\(kioskd.logTail)")
        }
    }

    private func rounds(_ backEnd: BackEnd, kioskd: DaemonFixture, readerName: String, serialDevice: PseudoTerminalIDCardReader,
                        random: inout SplitMix64) async throws -> LatencySamples {
        let uiPort = try await kioskd.ready()
        let screen = try LineChannel(python, [probe, "--url", "http://127.0.0.1:\(uiPort)"])
        defer { screen.stop() }
        try await screen.expect("ready")

        var samples = LatencySamples()
        for round in 0..<(rounds + 1) {
            try await screen.send("arm", expecting: "armed")
            try await Task.sleep(for: .milliseconds(Int.random(in: 0..<1000, using: &random)))
            let insertedAt = Date()
            let removeCard = try insert(backEnd, serialDevice: serialDevice)
            do {
                let rendered = try await screen.send("wait")
                guard rendered.hasPrefix("rendered "), let at = Double(rendered.split(separator: " ")[1]) else {
                    throw BenchFailure("the screen said \(rendered)")
                }
                if round > 0 { samples.add(.milliseconds(at - insertedAt.timeIntervalSince1970 * 1000)) }  // round 0 warms up
                try await screen.send("cancel", expecting: "attract")
            } catch {
                removeCard()
                throw error
            }
            removeCard()
            try await kioskd.waitForEmptySlot(readerName, role: backEnd.slot)
        }
        try await screen.send("quit", expecting: nil)
        return samples
    }

    /// Puts the card in its reader; returns what takes it out.
    private func insert(_ backEnd: BackEnd, serialDevice: PseudoTerminalIDCardReader) throws -> () -> Void {
        switch backEnd {
        case .serial, .sdtapi:
            serialDevice.place(try TestCards.virtualIDCard())
            return { serialDevice.place(nil) }
        case .pcscID:
            let card = try VirtualCard(VirtualCardFile(toml: TestCards.idCard(), source: "test")).insert(port: PCSCStack.idcardReader.port)
            return card.remove
        case .pcscSSC, .library:
            // A third-generation card held by a resident of Nantong, whose 2021 enrollment the sandbox has.
            let card = try VirtualCard(VirtualCardFile(toml: TestCards.ssc(generation: 3), source: "test")).insert(port: PCSCStack.sscReader.port)
            return card.remove
        }
    }
}

extension DaemonFixture {
    /// kioskd as in production on the sandbox at `sandboxURL`, its card slots on the given back ends.
    /// No scanner is plugged in: kioskd waits for it, and card sessions run meanwhile.
    convenience init(sandboxURL: String, sscReader: String, idcardReader: String) throws {
        try self.init(arguments: ["--log-level", "notice"]) { socketPath in
            TestKioskConf.text(socketPath: socketPath, kioskID: "BENCH-0001", backendURL: sandboxURL, sscReader: sscReader, idcardReader: idcardReader,
                               printer: "simulated")
        }
    }

    var logTail: String { "kioskd said:\n" + String(daemon.standardOutput.suffix(3000)) + String(daemon.standardError.suffix(2000)) }

    /// The resident screen's port, once kioskd is ready.
    func ready() async throws -> Int {
        guard await notify.waitFor("READY=1", timeout: .seconds(60)).found else {
            throw BenchFailure("kioskd did not become ready (running: \(daemon.isRunning))\n\(logTail)")
        }
        return try uiPort()
    }

    /// Until kioskd's reader `name` holds no card (a polling back end sees it at its next poll).
    func waitForEmptySlot(_ name: String, role: CardKind) async throws {
        try await waitUntil("kioskd sees the card out of \(name)", timeout: .seconds(60), poll: .milliseconds(50)) {
            let listed = try await ChildProcess.run(RepositoryPaths.binary("kioskctl"), ["cards", "readers", "--json", "--socket", self.socketPath],
                                                    workDirectory: self.work)
            let readers = (try? JSONDecoder().decode([CardReaderInfo].self, from: Data(listed.output.utf8))) ?? []
            let slot = readers.filter { $0.role == role.rawValue && $0.name == name }
            return !slot.isEmpty && slot.allSatisfy { !$0.cardPresent }
        }
    }
}

/// A child process spoken to a line at a time on its standard input and output; its standard error
/// is kept for the report when it dies. Its output is read on a thread of its own, and each answer
/// has a minute (a safety net: the probe's own waits end in 20 s).
private final class LineChannel: Sendable {
    private let process = Process()
    private let input = Pipe()
    private let errorLog: TemporaryDirectory
    private let lines = LineQueue()

    init(_ executable: String, _ arguments: [String]) throws {
        errorLog = try TemporaryDirectory(prefix: "screen-probe")
        FileManager.default.createFile(atPath: errorLog.file("stderr"), contents: nil)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorLog.file("stderr")))
        try process.run()
        let (handle, lines) = (output.fileHandleForReading, lines)
        Thread.detachNewThread {
            var buffered = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                buffered.append(chunk)
                while let newline = buffered.firstIndex(of: 0x0A) {
                    lines.push(String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self))
                    buffered = Data(buffered[buffered.index(after: newline)...])
                }
            }
            lines.end()
        }
    }

    /// Sends `command` and returns the answer line; with `expecting`, fails unless the answer is that.
    @discardableResult
    func send(_ command: String, expecting: String? = nil) async throws -> String {
        try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
        guard let expecting else { return command == "quit" ? "" : try await line() }
        try await expect(expecting)
        return expecting
    }

    func expect(_ answer: String) async throws {
        let got = try await line()
        guard got == answer else { throw BenchFailure("the screen probe answered \"\(got)\", not \(answer)\(diedReport)") }
    }

    private func line() async throws -> String {
        let lines = lines
        let timer = Task {
            try await Task.sleep(for: .seconds(60))
            lines.giveUp()
        }
        defer { timer.cancel() }
        guard let line = await lines.next() else { throw BenchFailure("the screen probe closed its output or said nothing for a minute\(diedReport)") }
        return line
    }

    private var diedReport: String {
        if process.isRunning { return "" }
        let log = (try? String(contentsOfFile: errorLog.file("stderr"), encoding: .utf8)) ?? ""
        return " (it exited with status \(process.terminationStatus)): \(log.suffix(2000))"
    }

    /// Ends its input; a probe still running 10 s later is terminated.
    func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        errorLog.remove()
    }
}

/// Lines as they come, for one reader at a time.
private final class LineQueue: Sendable {
    private struct State {
        var lines: [String] = []
        var ended = false
        var waiter: CheckedContinuation<String?, Never>?
    }

    private let state = Mutex(State())

    func push(_ line: String) {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else { state.lines.append(line); return nil as CheckedContinuation<String?, Never>? }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: line)
    }

    func end() {
        state.withLock { $0.ended = true }
        giveUp()
    }

    /// The waiting reader gets nil.
    func giveUp() {
        let waiter = state.withLock { state in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next line; nil once the output has ended, or when `giveUp()` is called while waiting.
    func next() async -> String? {
        await withCheckedContinuation { waiter in
            let ready: String?? = state.withLock { state in
                if !state.lines.isEmpty { return .some(state.lines.removeFirst()) }
                if state.ended { return .some(nil) }
                state.waiter = waiter
                return nil
            }
            if let ready { waiter.resume(returning: ready) }
        }
    }
}
