import KioskCore

/// What changes between the running configuration and a new one, by the part of kioskd that takes
/// it: a few parts reload while kioskd runs; the rest (sockets, journal, card readers, scanner…)
/// are only read at start-up, so a bundle that changes them is refused rather than half applied.
public struct ConfigurationChange: Sendable, Equatable {
    public enum Reload: String, Sendable, Codable, CaseIterable, Comparable {
        /// Timeouts, payment methods and limits, insurance year: the next resident's session uses them.
        case session
        /// The receipt printer (destination, model, job timeout): a new driver replaces the old one.
        case printer
        /// The backend's URL, TLS files and timeouts: a new client replaces the old one.
        case backend
        /// Trusted keys, poll interval, health timeout; and the kiosk's region and config_version.
        case updates

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var reloads: Set<Reload>
    /// Key paths whose change needs a kioskd restart.
    public var restartKeys: [String]
    /// Trust anchors that differ: where residents' data and pay codes go (`backend.url`), whom the
    /// kiosk believes there (the TLS files), whose bundles it takes (`updates.trusted_keys`) and
    /// where the QRs it shows and prints may send residents (`payment.*_url_origins`).
    /// Only root on the kiosk changes them, in /etc/kioskd/kiosk.conf: never a bundle or a rollback.
    public var anchorKeys: [String]

    public var isEmpty: Bool { reloads.isEmpty && restartKeys.isEmpty }

    public init(from old: KioskConfiguration, to new: KioskConfiguration) {
        var reloads: Set<Reload> = []
        if old.session != new.session || old.payment != new.payment || old.kiosk.insuranceYear != new.kiosk.insuranceYear {
            reloads.insert(.session)
        }
        let (oldDevices, newDevices) = (old.devices, new.devices)
        if oldDevices.printer != newDevices.printer || oldDevices.printerModel != newDevices.printerModel
            || oldDevices.printJobTimeoutMilliseconds != newDevices.printJobTimeoutMilliseconds {
            reloads.insert(.printer)
        }
        // The simulated printer is a different kind of driver, chosen at start-up.
        let simulatedSwap = oldDevices.printer != newDevices.printer && (oldDevices.printer == .simulated || newDevices.printer == .simulated)
        if old.backend != new.backend { reloads.insert(.backend) }
        if old.updates != new.updates || old.kiosk.region != new.kiosk.region || old.kiosk.configVersion != new.kiosk.configVersion {
            reloads.insert(.updates)
        }
        var restart: [String] = []
        func note(_ changed: Bool, _ key: String) { if changed { restart.append(key) } }
        note(old.kiosk.id != new.kiosk.id, "kiosk.id")
        note(old.kiosk.locale != new.kiosk.locale, "kiosk.locale")
        note(oldDevices.sscReader != newDevices.sscReader, "devices.ssc_reader")
        note(oldDevices.idcardReader != newDevices.idcardReader, "devices.idcard_reader")
        note(oldDevices.scanner != newDevices.scanner, "devices.scanner")
        note(oldDevices.database != newDevices.database, "devices.database")
        note(simulatedSwap, "devices.printer (to or from \"simulated\")")
        note(oldDevices.cardCommandTimeoutMilliseconds != newDevices.cardCommandTimeoutMilliseconds, "devices.card_command_timeout_ms")
        note(old.ui != new.ui, "ui")
        note(old.admin != new.admin, "admin")
        note(old.journal != new.journal, "journal.path")
        note(old.updates.historyDirectory != new.updates.historyDirectory, "updates.history_directory")
        note(old.terminal != new.terminal, "terminal")
        self.reloads = reloads
        self.restartKeys = restart
        var anchors: [String] = []
        if old.backend.url != new.backend.url { anchors.append("backend.url") }
        if old.backend.caFile != new.backend.caFile { anchors.append("backend.ca_file") }
        if old.backend.clientCertificate != new.backend.clientCertificate { anchors.append("backend.client_certificate") }
        if old.backend.clientKey != new.backend.clientKey { anchors.append("backend.client_key") }
        if Set(old.updates.trustedKeys) != Set(new.updates.trustedKeys) { anchors.append("updates.trusted_keys") }
        if Set(old.payment.qrURLOrigins) != Set(new.payment.qrURLOrigins) { anchors.append("payment.qr_url_origins") }
        if Set(old.payment.verificationURLOrigins) != Set(new.payment.verificationURLOrigins) { anchors.append("payment.verification_url_origins") }
        // Whom the kiosk trusts to take residents' cards, and with which key.
        for (changed, key) in [(old.terminal?.address != new.terminal?.address, "terminal.address"), (old.terminal?.caFile != new.terminal?.caFile, "terminal.ca_file"),
                               (old.terminal?.certificateName != new.terminal?.certificateName, "terminal.certificate_name"),
                               (old.terminal?.passphraseFile != new.terminal?.passphraseFile, "terminal.passphrase_file")] where changed {
            anchors.append(key)
        }
        self.anchorKeys = anchors
    }
}
