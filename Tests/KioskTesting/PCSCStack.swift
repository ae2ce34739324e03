import CPCSCLite
import Foundation

/// The real PC/SC stack for tests: pcscd with vsmartcard's vpcd driver, one virtual reader per role.
///
/// pcscd's socket is fixed at /run/pcscd/pcscd.comm, so one pcscd runs per machine: the stack
/// refuses to start when another pcscd is already running, and kills its own at process exit.
public actor PCSCStack {
    public static let shared = PCSCStack()

    public struct Reader: Sendable {
        public let friendlyName: String
        /// vpcd's TCP port: a card simulator connects here to "insert" a card.
        public let port: UInt16
        /// The name pcscd gives the reader (friendly name + slot numbers).
        public let pcscName: String
    }

    // vpcd gives each reader two slots, on PORT and PORT+1, so the readers' ports are 16 apart.
    // Below the kernel's ephemeral range (32768–60999): a test server on port 0, or a client socket, can never hold them.
    public static let sscReader = Reader(friendlyName: "Virtual PCD SSC", port: 29963, pcscName: "Virtual PCD SSC 00 00")
    public static let idcardReader = Reader(friendlyName: "Virtual PCD ID", port: 29979, pcscName: "Virtual PCD ID 00 00")
    static let socketPath = "/run/pcscd/pcscd.comm"
    static let vpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"

    private var daemon: SpawnedProcess?
    private var directory: TemporaryDirectory?

    /// Starts pcscd with both virtual readers unless this test process already did.
    public func start() async throws {
        if let daemon, daemon.isRunning { return }
        // A pcscd that is exiting (the previous test process's) has an empty command line: let it go.
        for _ in 0..<40 where Self.runningPCSCDaemon().map(Self.isExiting) == true {
            try await Task.sleep(for: .milliseconds(50))
        }
        if let other = Self.runningPCSCDaemon() {
            guard Self.isLeftOverTestDaemon(pid: other) else {
                throw TestFixtureError("another pcscd (pid \(other)) is running; stop it so the tests can start their own")
            }
            kill(other, SIGKILL)
            try await Task.sleep(for: .milliseconds(200))
        }
        let directory = try self.directory ?? TemporaryDirectory(prefix: "pcscd")
        self.directory = directory
        // All readers in one file: pcscd 1.9.9 keeps only the last file of a reader.conf.d folder.
        // Each reader loads its own copy of the vpcd driver: the driver keeps its connections in a
        // static array indexed by slot number, so two readers on one copy share a card.
        var stanzas: [String] = []
        for (index, reader) in [Self.sscReader, Self.idcardReader].enumerated() {
            // Outside the config folder: pcscd parses every file there as reader configuration.
            let driver = directory.file("libifdvpcd-\(index).so")
            try? FileManager.default.removeItem(atPath: driver)
            do {
                // The installed name is a symlink; copy the library itself.
                let library = URL(fileURLWithPath: Self.vpcdDriver).resolvingSymlinksInPath().path
                try FileManager.default.copyItem(atPath: library, toPath: driver)
            } catch {
                throw TestFixtureError("cannot copy \(Self.vpcdDriver) (apt-get install vsmartcard-vpcd): \(error)")
            }
            let hexPort = String(reader.port, radix: 16)
            stanzas.append("""
                FRIENDLYNAME "\(reader.friendlyName)"
                DEVICENAME /dev/null:0x\(hexPort)
                LIBPATH \(driver)
                CHANNELID 0x\(hexPort)

                """)
        }
        let configFolder = directory.file("conf")
        try? FileManager.default.createDirectory(atPath: configFolder, withIntermediateDirectories: true)
        try stanzas.joined(separator: "\n").write(toFile: configFolder + "/readers.conf", atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: Self.socketPath)
        let process: SpawnedProcess
        do {
            // setpriv: pcscd dies with the test process even when that one is killed (see PersistentSpawnThread).
            let log = directory.file("pcscd.log")
            process = try PersistentSpawnThread.shared.run {
                try SpawnedProcess("/usr/bin/setpriv", [
                    "--pdeathsig", "TERM", "--", "/usr/sbin/pcscd", "--foreground", "--config", configFolder,
                ], environment: ProcessInfo.processInfo.environment, outputPath: log, errorPath: log)
            }
        } catch {
            throw TestFixtureError("cannot start /usr/sbin/pcscd (apt-get install pcscd vsmartcard-vpcd): \(error)")
        }
        daemon = process
        StackCleanup.register(pid: process.pid)
        // Generous: the whole suite runs in parallel on two cores, and pcscd starts while it is busiest.
        try await process.waitUntilReady(
            "pcscd", waitingFor: "open \(Self.socketPath) and vpcd's ports \(Self.sscReader.port) and \(Self.idcardReader.port)",
            timeout: .seconds(30), log: { Self.logTail(directory) }
        ) {
            FileManager.default.fileExists(atPath: Self.socketPath) && TCPListeners.isListening(Self.sscReader.port) && TCPListeners.isListening(Self.idcardReader.port)
        }
    }

    /// The end of the running pcscd's log (its errors: pcscd runs without --debug), for a failure message.
    public func logTail() -> String {
        directory.map { Self.logTail($0) } ?? "(pcscd not started)"
    }

    static func logTail(_ directory: TemporaryDirectory) -> String {
        let log = (try? String(contentsOfFile: directory.file("pcscd.log"), encoding: .utf8)) ?? ""
        return String(log.suffix(600))
    }

    /// Stops pcscd (to test how the kiosk copes); `start()` brings it back.
    public func stop() async {
        guard let daemon, daemon.isRunning else { return }
        await daemon.stop()
        StackCleanup.unregister(pid: daemon.pid)
        self.daemon = nil
    }

    /// A pcscd left by an earlier, killed test run: its readers come from one of our temporary folders.
    static func isLeftOverTestDaemon(pid: Int32) -> Bool {
        guard let commandLine = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return false }
        return commandLine.contains("--config\0" + NSTemporaryDirectory()) && commandLine.contains("/pcscd.")
    }

    static func isExiting(pid: Int32) -> Bool {
        ((try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? "").isEmpty
    }

    static func runningPCSCDaemon() -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let name = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8) else { continue }
            if name.trimmingCharacters(in: .whitespacesAndNewlines) == "pcscd" { return pid }
        }
        return nil
    }
}

/// Listening TCP ports read from /proc (a test connect to vpcd's port would insert a card).
public enum TCPListeners {
    public static func isListening(_ port: UInt16) -> Bool {
        let hexPort = String(format: "%04X", port)
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            // Read to EOF: /proc files report size 0, and a busy machine's table is many pages long.
            guard let data = FileHandle(forReadingAtPath: table)?.readDataToEndOfFile() else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 3 else { continue }
                if fields[1].hasSuffix(":" + hexPort), fields[3] == "0A" { return true }
            }
        }
        return false
    }
}

/// Kills stack daemons a test process started when that process exits.
enum StackCleanup {
    nonisolated(unsafe) private static var pids: Set<Int32> = []
    private static let lock = NSLock()
    private static let installed: Void = {
        atexit {
            StackCleanup.lock.lock()
            for pid in StackCleanup.pids { kill(pid, SIGTERM) }
            StackCleanup.lock.unlock()
        }
    }()

    static func register(pid: Int32) {
        _ = installed
        lock.lock()
        pids.insert(pid)
        lock.unlock()
    }

    static func unregister(pid: Int32) {
        lock.lock()
        pids.remove(pid)
        lock.unlock()
    }
}

extension PCSCStack {
    /// Runs `body` with pcscd started and no other test using the stack: tests insert cards into its
    /// readers, kill and restart it, so suites of every test target take turns.
    public static func exclusively<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await PCSCStackTurns.shared.acquire()
        do {
            try await shared.start()
            try await waitForEmptySlots()
            let value = try await body()
            await PCSCStackTurns.shared.release()
            return value
        } catch {
            await PCSCStackTurns.shared.release()
            throw error
        }
    }
}

extension PCSCStack {
    /// Until pcscd sees no card in any slot of the virtual readers. A card taken out (`remove()`) is
    /// gone for pcscd only once vpcd has noticed its closed connection; until then the next turn's
    /// kiosk sees the previous turn's card, and vpcd, still holding that connection, takes no new card.
    /// Waits on SCardGetStatusChange (no polling), on a thread of its own so that the blocking call
    /// holds none of the concurrency pool's; the minute is a safety net for a broken stack.
    static func waitForEmptySlots() async throws {
        let slots = [sscReader, idcardReader].flatMap { reader in ["00 00", "00 01"].map { "\(reader.friendlyName) \($0)" } }
        let stillHeld = try await withCheckedThrowingContinuation { (answer: CheckedContinuation<[String], any Error>) in
            Thread.detachNewThread { answer.resume(with: Result { try heldSlots(slots) }) }
        }
        guard stillHeld.isEmpty else {
            throw TestFixtureError("pcscd still sees a card in \(stillHeld.joined(separator: ", ")) a minute after the previous test took it out")
        }
    }

    /// The slots still holding a card once none does or a minute has passed.
    private static func heldSlots(_ slots: [String]) throws -> [String] {
        var context: SCARDCONTEXT = 0
        guard SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context) == SCARD_S_SUCCESS else {
            throw TestFixtureError("SCardEstablishContext failed: pcscd does not answer")
        }
        defer { SCardReleaseContext(context) }
        let names = slots.map { strdup($0) }
        defer { names.forEach { free($0) } }
        var states = names.map { name in
            var state = SCARD_READERSTATE()
            state.szReader = UnsafePointer(name)
            state.dwCurrentState = DWORD(SCARD_STATE_UNAWARE)
            return state
        }
        let deadline = ContinuousClock.now + .seconds(60)
        var timeout: DWORD = 0
        while ContinuousClock.now < deadline {
            let status = SCardGetStatusChange(context, timeout, &states, DWORD(states.count))
            guard status == SCARD_S_SUCCESS || status == SCARD_E_TIMEOUT else {
                throw TestFixtureError("SCardGetStatusChange failed: \(String(UInt32(bitPattern: Int32(truncatingIfNeeded: status)), radix: 16))")
            }
            if status == SCARD_S_SUCCESS {
                for index in states.indices { states[index].dwCurrentState = states[index].dwEventState & ~DWORD(SCARD_STATE_CHANGED) }
            }
            let held = slots.indices.filter { states[$0].dwCurrentState & DWORD(SCARD_STATE_PRESENT) != 0 }.map { slots[$0] }
            if held.isEmpty { return [] }
            timeout = 1000
        }
        return slots.indices.filter { states[$0].dwCurrentState & DWORD(SCARD_STATE_PRESENT) != 0 }.map { slots[$0] }
    }
}

/// A first-come, first-served lock held across awaits.
actor PCSCStackTurns {
    static let shared = PCSCStackTurns()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
