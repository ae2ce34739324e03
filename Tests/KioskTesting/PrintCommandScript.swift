import Foundation

/// The print command (`ippeveprinter -c`) of an IPPPrinterStack: a shell script that does what the
/// stack's control file says. Without a command ippeveprinter "prints" each job for 5–15 s.
enum PrintCommandScript {
    static func write(in directory: TemporaryDirectory) throws -> String {
        let control = directory.file("behaviour")
        // The sleeps die with ippeveprinter (pdeathsig): a hung job must not outlive its printer.
        let path = try directory.write("print-command", """
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

            """)
        guard chmod(path, 0o755) == 0 else { throw TestFixtureError("chmod \(path): errno \(errno)") }
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
