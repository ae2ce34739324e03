import Foundation

/// A private CUPS server for tests: cupsd with its own ServerRoot and spool in a temporary folder,
/// listening on 127.0.0.1 at a free port, with one raw queue whose device is an IPPPrinterStack.
/// The kiosk reaches the queue at `queueURI`; `cupsreject`/`cupsdisable` act on it as they would
/// on a kiosk's own CUPS. Nothing of the machine's CUPS (/etc/cups, port 631) is used or touched.
public final class PrivateCUPSStack: Sendable {
    public let port: UInt16
    public let queue: String
    /// The printer behind the queue.
    public let printer: IPPPrinterStack
    public let directory: TemporaryDirectory
    private let process: SpawnedProcess

    public var queueURI: String { "ipp://127.0.0.1:\(port)/printers/\(queue)" }
    public var log: String { StackLog.tail(directory.file("log/error_log"), 2000) }

    private init(port: UInt16, queue: String, printer: IPPPrinterStack, directory: TemporaryDirectory, process: SpawnedProcess) {
        self.port = port
        self.queue = queue
        self.printer = printer
        self.directory = directory
        self.process = process
    }

    /// Starts a printer and a cupsd queueing to it, runs `body`, and stops both.
    public static func running<T>(_ body: (PrivateCUPSStack) async throws -> T) async throws -> T {
        let cups = try await start()
        do {
            let value = try await body(cups)
            await cups.stop()
            return value
        } catch {
            await cups.stop()
            throw error
        }
    }

    public static func start(queue: String = "kiosk") async throws -> PrivateCUPSStack {
        let executable = "/usr/sbin/cupsd"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestFixtureError("\(executable) is missing (apt-get install cups)")
        }
        let printer = try await IPPPrinterStack.start()
        do {
            return try await startServer(queue: queue, printer: printer)
        } catch {
            await printer.stop()
            throw error
        }
    }

    /// `cupsd -t` on the configuration this stack writes: the installed cupsd treats an unknown or
    /// misplaced directive as fatal, so a refusal is named before any cupsd is started.
    public static func checkConfiguration() async throws {
        let directory = try TemporaryDirectory(prefix: "cupsd-check")
        defer { directory.remove() }
        let files = try CUPSServerFiles.write(in: directory, port: 631, queue: "kiosk", deviceURI: "ipp://localhost:631/ipp/print")
        let result = try await ChildProcess.run("/usr/sbin/cupsd", ["-t", "-c", files.cupsdConf, "-s", files.cupsFilesConf], workDirectory: directory)
        guard result.status == 0 else {
            throw TestFixtureError("cupsd -t refuses the test configuration (exit \(result.status)): \(result.error) \(result.output)")
        }
    }

    private static func startServer(queue: String, printer: IPPPrinterStack) async throws -> PrivateCUPSStack {
        try await checkConfiguration()
        let directory = try TemporaryDirectory(prefix: "cupsd")
        var environment = ProcessInfo.processInfo.environment
        environment["DBUS_SYSTEM_BUS_ADDRESS"] = try await PrivateSystemBus.shared.address()
        do {
            let (process, port) = try await SpawnedProcess.startListeningOnFreePort("cupsd", timeout: .seconds(20)) { port in
                let files = try CUPSServerFiles.write(in: directory, port: port, queue: queue, deviceURI: printer.uri)
                let process: SpawnedProcess
                do {
                    process = try PersistentSpawnThread.shared.run {
                        try SpawnedProcess("/usr/bin/setpriv", [
                            "--pdeathsig", "TERM", "--", "/usr/sbin/cupsd", "-f", "-c", files.cupsdConf, "-s", files.cupsFilesConf,
                        ], environment: environment, outputPath: directory.file("cupsd.out"), errorPath: directory.file("cupsd.out"))
                    }
                } catch {
                    throw TestFixtureError("cannot start /usr/sbin/cupsd: \(error)")
                }
                // cupsd -f reports configuration errors on stderr and everything later in its ErrorLog.
                return (process, { StackLog.tail(directory.file("cupsd.out"), 600) + StackLog.tail(directory.file("log/error_log"), 1200) })
            }
            return PrivateCUPSStack(port: port, queue: queue, printer: printer, directory: directory, process: process)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// `cupsreject`: the queue refuses new jobs (printer-is-accepting-jobs false, Create-Job 0x506).
    public func reject() async throws { try await administer("/usr/sbin/cupsreject") }
    public func accept() async throws { try await administer("/usr/sbin/cupsaccept") }
    /// `cupsdisable`: the queue stops (printer-state stopped, reason paused); jobs wait.
    public func disable() async throws { try await administer("/usr/sbin/cupsdisable") }
    public func enable() async throws { try await administer("/usr/sbin/cupsenable") }

    private func administer(_ tool: String) async throws {
        let result = try await ChildProcess.run(tool, ["-h", "127.0.0.1:\(port)", queue], workDirectory: directory, timeout: .seconds(15))
        guard result.status == 0 else {
            throw TestFixtureError("\(tool) \(queue) exited \(result.status): \(result.error) \(log.suffix(400))")
        }
    }

    public func stop() async {
        await process.stop(grace: .seconds(3))
        StackCleanup.unregister(pid: process.pid)
        await printer.stop()
        directory.remove()
    }
}
