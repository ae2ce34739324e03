import Foundation

/// A real IPP printer for tests: CUPS' ippeveprinter on a free loopback port, with a fresh spool
/// (documents kept, byte for byte), on the private system bus. Its print command is a script this
/// stack writes; a control file tells the script what the next jobs do. Start one per test and
/// stop it at the end (`IPPPrinterStack.running { … }` does both); it also dies with the test process.
public final class IPPPrinterStack: Sendable {
    /// What the print command does with each job from now on.
    public enum JobBehaviour: Sendable, Equatable {
        /// Exits 0: the job completes.
        case completes
        /// Reports `STATE: +media-jam` and exits 1: the job aborts, the printer reports media-jam.
        case jams
        /// Exits 1: the job aborts with no printer reason.
        case fails
        /// Never finishes: the job stays processing.
        case hangs
        /// Takes this long, then completes.
        case slow(Duration)
    }

    public let port: UInt16
    public let directory: TemporaryDirectory
    private let process: SpawnedProcess
    private let logPath: String

    /// The printer's URI, as a kiosk configures it.
    public var uri: String { "ipp://localhost:\(port)/ipp/print" }
    public var spoolDirectory: String { directory.file("spool") }
    public var pid: Int32 { process.pid }
    /// ippeveprinter's output, for failure messages.
    public var log: String { StackLog.tail(logPath, 2000) }

    private init(port: UInt16, directory: TemporaryDirectory, process: SpawnedProcess, logPath: String) {
        self.port = port
        self.directory = directory
        self.process = process
        self.logPath = logPath
    }

    /// Starts a printer, runs `body`, and stops the printer whether `body` succeeds or throws.
    public static func running<T>(_ body: (IPPPrinterStack) async throws -> T) async throws -> T {
        let printer = try await start()
        do {
            let value = try await body(printer)
            await printer.stop()
            return value
        } catch {
            await printer.stop()
            throw error
        }
    }

    public static func start(name: String = "Kiosk Test Printer") async throws -> IPPPrinterStack {
        let executable = "/usr/sbin/ippeveprinter"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestFixtureError("\(executable) is missing (apt-get install cups-ipp-utils)")
        }
        let bus = try await PrivateSystemBus.shared.address()
        let directory = try TemporaryDirectory(prefix: "ippeve")
        try FileManager.default.createDirectory(atPath: directory.file("spool"), withIntermediateDirectories: true)
        let command = try PrintCommandScript.write(in: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["DBUS_SYSTEM_BUS_ADDRESS"] = bus
        let (process, port) = try await SpawnedProcess.startListeningOnFreePort(executable, timeout: .seconds(15)) { port in
            let log = directory.file("ippeveprinter-\(port).log")
            let arguments = [
                "--pdeathsig", "TERM", "--", executable, "-r", "off", "-n", "localhost", "-p", "\(port)",
                "-d", directory.file("spool"), "-k", "-c", command, "-f", "application/pdf,application/octet-stream", name,
            ]
            do {
                let process = try PersistentSpawnThread.shared.run {
                    try SpawnedProcess("/usr/bin/setpriv", arguments, environment: environment, outputPath: log, errorPath: log)
                }
                return (process, { StackLog.tail(log, 1200) })
            } catch {
                throw TestFixtureError("cannot start \(executable): \(error)")
            }
        }
        return IPPPrinterStack(port: port, directory: directory, process: process, logPath: directory.file("ippeveprinter-\(port).log"))
    }

    public func setJobBehaviour(_ behaviour: JobBehaviour) throws {
        try PrintCommandScript.setBehaviour(behaviour, in: directory)
    }

    /// Empties or refills every tray through ippeveprinter's /media web form: empty gives
    /// printer-state-reasons media-empty (and media-needed while a job waits for paper).
    public func setPaper(empty: Bool) throws {
        let page = try LoopbackHTTP.get(port: port, path: "/media")
        let form = MediaForm(html: page.body)
        guard !form.levelFields.isEmpty else { throw TestFixtureError("ippeveprinter's /media page has no tray levels: \(page.body.prefix(300))") }
        let answer = try LoopbackHTTP.get(port: port, path: "/media?" + form.query(level: empty ? 0 : 250))
        guard answer.status == 200, answer.body.contains("Media updated") else {
            throw TestFixtureError("ippeveprinter did not update its media (HTTP \(answer.status)): \(answer.body.suffix(300))")
        }
    }

    /// The documents the printer received, oldest job first (the print command's output files left out).
    public var spooledFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spoolDirectory)) ?? []
        func jobNumber(_ name: String) -> Int { Int(name.prefix { $0.isNumber }) ?? 0 }
        return names.filter { !$0.hasSuffix(".prn") }.sorted { jobNumber($0) < jobNumber($1) }.map { spoolDirectory + "/" + $0 }
    }

    /// SIGSTOP: the printer accepts connections (the kernel does) but never answers.
    public func suspend() { process.signal(SIGSTOP) }
    public func resume() { process.signal(SIGCONT) }

    /// SIGKILL: connections are refused from now on.
    public func kill() async {
        process.signal(SIGKILL)
        _ = await process.waitForExit(timeout: .seconds(5))
    }

    public func stop() async {
        process.signal(SIGCONT)
        await process.stop(grace: .seconds(2))
        StackCleanup.unregister(pid: process.pid)
        directory.remove()
    }
}
