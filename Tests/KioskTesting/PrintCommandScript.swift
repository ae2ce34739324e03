import Foundation

/// The print command (`ippeveprinter -c`) of an IPPPrinterStack: a shell script that does what the
/// stack's control file says. Without a command ippeveprinter "prints" each job for 5–15 s.
enum PrintCommandScript {
    static func write(in directory: TemporaryDirectory) throws -> String {
        let control = directory.file("behaviour")
        // The sleeps die with ippeveprinter (pdeathsig): a hung job must not outlive its printer.
        let script = """
            #!/bin/sh
            # Print command of a test printer; the document is "$1".
            behaviour=$(cat '\(control)' 2>/dev/null)
            case "$behaviour" in
              jam) echo "STATE: +media-jam" >&2; exit 1 ;;
              fail) exit 1 ;;
              hang) exec /usr/bin/setpriv --pdeathsig KILL -- /bin/sleep 3600 ;;
              slow\\ *) exec /usr/bin/setpriv --pdeathsig KILL -- /bin/sleep "${behaviour#slow }" ;;
            esac
            exit 0

            """
        let path = directory.file("print-command")
        // O_CLOEXEC: a daemon another test spawns while this file is open for writing would
        // otherwise keep it open, and ippeveprinter's exec of the script fail with ETXTBSY
        // (the job "exited with status 26", aborted).
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw TestFixtureError("cannot create \(path): errno \(errno)") }
        let bytes = Array(script.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let modeSet = fchmod(descriptor, 0o755) == 0
        close(descriptor)
        guard written == bytes.count, modeSet else { throw TestFixtureError("cannot write \(path): errno \(errno)") }
        return path
    }

    static func setBehaviour(_ behaviour: IPPPrinterStack.JobBehaviour, in directory: TemporaryDirectory) throws {
        let text: String
        switch behaviour {
        case .completes: text = "complete"
        case .jams: text = "jam"
        case .fails: text = "fail"
        case .hangs: text = "hang"
        case .slow(let duration):
            let (seconds, attoseconds) = duration.components
            text = "slow \(Double(seconds) + Double(attoseconds) / 1e18)"
        }
        try directory.write("behaviour", text + "\n")
    }
}
