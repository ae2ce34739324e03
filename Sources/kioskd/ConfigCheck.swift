import Foundation
import KioskConfig
import KioskCore

/// `kioskd --check-config FILE`: prints every problem, exits non-zero when the file is invalid.
enum ConfigCheck {
    /// sysexits.h EX_CONFIG; kioskd.service does not restart on it.
    static let exConfig: Int32 = 78
    /// EX_CANTCREAT: the payment journal cannot be opened or created.
    static let exJournal: Int32 = 73

    static func run(path: String) -> Int32 {
        do {
            let configuration = try KioskConfiguration.load(path: path)
            print("\(path): valid (kiosk \(configuration.kiosk.id), config version \(configuration.kiosk.configVersion))")
            return 0
        } catch {
            printToStandardError("\(error)")
            return exConfig
        }
    }
}

func printToStandardError(_ text: String) {
    var standardError = StandardErrorStream()
    print(text, to: &standardError)
}

struct StandardErrorStream: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
