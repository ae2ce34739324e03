import KioskCore

extension DiagnosticCheck {
    public static func pcscd(reachable: Bool) -> Self {
        reachable ? .pass("pcscd", "pcscd", "answers")
            : .fail("pcscd", "pcscd", "not reachable", fix: "is pcscd running? `systemctl restart pcscd.socket pcscd`, then check the readers' USB cables")
    }

    /// A card reader slot, with the ATR of the last card it saw. A virtual reader is a warning even when it works.
    public static func reader(_ status: DeviceStatus, lastATR: String?, virtual: Bool = false) -> Self {
        let id = status.role == .sscReader ? "reader.ssc" : "reader.idcard"
        let title = status.role.label
        if ["serial:", "sdtapi:", "library:"].contains(where: status.selector.hasPrefix) { return ownReader(status, id: id, title: title) }
        let last = lastATR.map { ", last card ATR \($0)" } ?? ", no card inserted since kioskd started"
        switch status.state {
        case .online where virtual:
            return .warn(id, title, status.detail + last + "; a virtual reader: any process that reaches vpcd's TCP port can present any card",
                         fix: "for testing only: name the kiosk's real reader in [devices] \(status.role == .sscReader ? "ssc_reader" : "idcard_reader") and remove vsmartcard-vpcd")
        case .online:
            return .pass(id, title, status.detail + last)
        case .noDevice, .offline:
            return .fail(id, title, "not found (\(status.detail))",
                         fix: "is pcscd running? check the reader's USB cable; `kioskctl cards readers` lists what pcscd sees")
        case .hardwareError:
            return .fail(id, title, status.detail, fix: "take the card out and insert it again; if it persists, unplug and replug the reader")
        case .userError, .busy:
            return .fail(id, title, status.detail, fix: "take the card out of the slot and try again")
        }
    }

    /// A reader kioskd drives itself: a serial line (its device, speed and SAM number), sdtapi (its
    /// library and port) or the standard SSC library (its PSAM's terminal), or why it cannot be used.
    private static func ownReader(_ status: DeviceStatus, id: String, title: String) -> Self {
        let target = String(status.selector.drop { $0 != ":" }.dropFirst().prefix { $0 != "?" })
        switch status.state {
        case .online:
            return .pass(id, title, status.detail)
        case .noDevice, .offline:
            let fix = status.selector.hasPrefix("sdtapi:")
                ? "check that \(target) is the reader vendor's libsdtapi.so for this machine (`nm -D \(target) | grep SDT_`), the port number (1–16 COM, 1001–1016 USB), and the reader's cable"
                : status.selector.hasPrefix("library:")
                ? "check that \(target) is the reader vendor's standard (部标) SSC library for this machine (`nm -D \(target) | grep iReadCardBas`), its own configuration, and the reader's cable"
                : "check the reader's serial or USB cable and power; `ls -l \(target)` must show the device, owned by the group the udev rule in Devices/udev gives it, which kioskd's user is in"
            return .fail(id, title, "not usable (\(status.detail))", fix: fix)
        case .hardwareError, .userError, .busy:
            return .fail(id, title, status.detail, fix: "take the card off the reader and put it back; if it persists, unplug the reader's cable and plug it in again, or restart kioskd")
        }
    }

    public static func scanner(_ status: DeviceStatus) -> Self {
        let title = DeviceRole.scanner.label
        switch status.state {
        case .online:
            return .pass("scanner", title, status.detail)
        case .noDevice, .offline:
            return .fail("scanner", title, "not found (\(status.detail))",
                         fix: "check the scanner's USB cable; `lsusb` must list it; `kioskctl scanner show` names the configured VID:PID")
        case .hardwareError, .userError, .busy:
            return .fail("scanner", title, status.detail, fix: "unplug the scanner and plug it in again; if it persists, see `kioskctl scanner show`")
        }
    }

    /// The printer's state and supplies; `lastJob` as kioskctl printer status words it.
    public static func printer(_ status: DeviceStatus, lastJob: String?) -> Self {
        let title = DeviceRole.printer.label
        let job = lastJob.map { "; last job \($0)" } ?? ""
        switch (status.state, status.paper) {
        case (_, .out?):
            return .fail("printer", title, "paper out" + job, fix: "load an 80 mm roll of thermal paper, then `kioskctl selftest printer`")
        case (_, .jammed?):
            return .fail("printer", title, "paper jammed" + job, fix: "open the printer's cover, clear the jam and close it")
        case (.online, .low?):
            return .warn("printer", title, "paper low" + job, fix: "replace the roll soon (80 mm thermal paper)")
        case (.online, _):
            return .pass("printer", title, status.detail + job)
        case (.noDevice, _), (.offline, _):
            return .fail("printer", title, "not reachable (\(status.detail))" + job,
                         fix: "is CUPS running (`systemctl status cups`)? check the printer's power and USB cable")
        default:
            return .fail("printer", title, status.detail + job, fix: "check the printer's panel; `kioskctl printer status` shows what it reports")
        }
    }
}
