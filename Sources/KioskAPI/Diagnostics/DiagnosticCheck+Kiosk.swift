import Foundation
import KioskCore

extension DiagnosticCheck {
    public static func backend(_ reachability: BackendReachability) -> Self {
        reachability.reachable ? .pass("backend", "backend", "\(reachability.url): \(reachability.detail)")
            : .fail("backend", "backend", "not reachable: \(reachability.detail)",
                    fix: "check the network cable and the router; is backend.url in kiosk.conf right?")
    }

    /// The kiosk's own client certificate: the backend refuses the kiosk once it has expired.
    public static func clientCertificate(daysLeft: Int?, path: String?, problem: String?) -> Self {
        let id = "backend.certificate"
        let title = "client certificate"
        guard let path else { return .pass(id, title, "not used (plain http to the loopback sandbox)") }
        if let problem { return .fail(id, title, "\(path): \(problem)", fix: "install this kiosk's certificate and key at backend.client_certificate / client_key") }
        guard let daysLeft else { return .fail(id, title, "\(path): no expiry found", fix: "install this kiosk's certificate again") }
        if daysLeft < 0 { return .fail(id, title, "expired \(-daysLeft) days ago", fix: "ask the operator for a new kiosk certificate; the backend refuses this one") }
        if daysLeft < 30 { return .warn(id, title, "expires in \(daysLeft) days", fix: "ask the operator for a new kiosk certificate before it expires") }
        return .pass(id, title, "valid for \(daysLeft) more days")
    }

    /// The kiosk's clock against the backend's `Date`: receipts and payment times come from it.
    public static func clock(skewSeconds: Double?, problem: String?) -> Self {
        let id = "backend.clock"
        let title = "clock"
        guard let skewSeconds else { return .warn(id, title, "cannot compare with the backend: \(problem ?? "no Date header")", fix: "fix the backend connection first") }
        let skew = Int(skewSeconds.rounded())
        let text = "\(abs(skew)) s \(skew >= 0 ? "ahead of" : "behind") the backend"
        if abs(skewSeconds) > 300 { return .fail(id, title, text, fix: "the clock is wrong: check NTP (`timedatectl status`, `systemctl restart systemd-timesyncd`)") }
        if abs(skewSeconds) > 60 { return .warn(id, title, text, fix: "check NTP (`timedatectl status`)") }
        return .pass(id, title, text)
    }

    public static func journalSpace(freeBytes: Int64?, path: String) -> Self {
        let id = "journal.disk"
        let title = "journal disk space"
        guard let freeBytes else { return .fail(id, title, "cannot read the free space of \(path)", fix: "check that the disk is mounted") }
        let megabytes = freeBytes / 1_048_576
        if megabytes < 50 { return .fail(id, title, "\(megabytes) MB free", fix: "free disk space now: payments stop when the journal cannot grow (`journalctl --vacuum-size=100M`)") }
        if megabytes < 500 { return .warn(id, title, "\(megabytes) MB free", fix: "free disk space soon (`journalctl --vacuum-size=100M`)") }
        return .pass(id, title, "\(megabytes) MB free")
    }

    public static func journalIntegrity(_ result: [String]?, problem: String?, path: String) -> Self {
        let id = "journal.integrity"
        let title = "journal integrity"
        let fix = "do not delete it: it may hold unresolved payments. Stop kioskd, copy \(path)* for the operator and call support"
        guard let result else { return .fail(id, title, "cannot check \(path): \(problem ?? "unknown error")", fix: fix) }
        if result == ["ok"] { return .pass(id, title, "SQLite integrity_check ok") }
        return .fail(id, title, "SQLite integrity_check: \(result.prefix(3).joined(separator: "; "))", fix: fix)
    }

    public static func payments(_ summary: JournalSummary?) -> [Self] {
        guard let summary else { return [] }
        let unresolved = summary.unresolved == 0 ? Self.pass("journal.unresolved", "unresolved payments", "none")
            : .warn("journal.unresolved", "unresolved payments", "\(summary.unresolved) payment intents not settled with the backend",
                    fix: "kioskd settles them by itself when the backend answers; if they stay, check the backend connection")
        let owed = summary.owedReceipts == 0 ? Self.pass("receipts.owed", "owed receipts", "none")
            : .warn("receipts.owed", "owed receipts", "\(summary.owedReceipts) receipts not printed yet",
                    fix: "they print by themselves when the kiosk is idle and the printer is ready; residents can also reprint them")
        let anomalies = summary.anomalies == 0 ? Self.pass("payments.anomaly", "payment anomalies", "none")
            : .fail("payments.anomaly", "payment anomalies",
                    "\(summary.anomalies) payments the backend made for another amount, person, year or tier than the resident confirmed",
                    fix: "look them up with the backend operator by payment id (kioskd's log: 'differs from what the resident confirmed'); refund or correct them there")
        return [unresolved, owed, anomalies]
    }

    public static func configuration(_ status: ConfigurationStatus) -> Self {
        let origin = status.keyID.map { "signed bundle (key \($0.prefix(8))…)" } ?? "local file"
        let base = "version \(status.version) from \(status.path), \(origin)"
        switch status.state {
        case .healthy where status.trustedKeys == 0:
            return .pass("config", "configuration", base + "; no trusted keys: remote updates are off")
        case .healthy:
            return .pass("config", "configuration", base + "; healthy")
        case .pending:
            return .pass("config", "configuration", base + "; version \(status.pendingVersion.map(String.init) ?? "?") is queued: it applies once no resident is being served")
        case .verifying:
            return .pass("config", "configuration", base + "; its health checks are running")
        case .rolledBack:
            return .warn("config", "configuration", base + "; \(status.detail ?? "rolled back")",
                         fix: "fix the cause named here, then sign and push a bundle with a higher version; `kioskctl config history` has the details")
        case .refused:
            return .warn("config", "configuration", base + "; the last bundle was refused: \(status.detail ?? "")",
                         fix: "`kioskctl config history` names the reason; sign a new bundle with a trusted key, for this kiosk, unexpired and with a higher version")
        }
    }

    public static func kioskd(unreachable detail: String, socket: String) -> Self {
        .fail("kioskd", "kioskd", "admin socket \(socket) does not answer: \(detail)",
              fix: "is kioskd running? `systemctl status kioskd`; its log: `journalctl -u kioskd -n 50`")
    }
}

extension DiagnosticCheck {
    /// The card payment terminal: reachable and logged in, and the day's settlement not overdue.
    public static func terminal(_ report: TerminalReport, now: Date) -> [Self] {
        let id = "terminal"
        let title = "payment terminal"
        let place = "\(report.poiID ?? "?") at \(report.address ?? "?")"
        var checks: [Self] = []
        if report.reachable {
            let host = report.hostReachable == false ? ", but its acquirer host does not answer" : ""
            let login = report.loggedInAt == nil ? " (not logged in yet)" : ""
            let status = report.status ?? "OK"
            let ok = status == "OK" && report.hostReachable != false
            checks.append(ok ? .pass(id, title, "\(place): \(status)\(login)")
                : .warn(id, title, "\(place): \(status)\(host)\(login)", fix: "look at the terminal's own screen; card payments are not offered until it is OK"))
        } else {
            checks.append(.warn(id, title, "\(place) does not answer: \(report.lastError ?? "no answer yet")",
                                fix: "check the terminal's power and network cable, terminal.address and the key (terminal.key_identifier, passphrase); residents can still pay by pay code"))
        }
        let settlementID = "terminal.settlement"
        if let last = report.lastSettlement {
            let hours = Int(now.timeIntervalSince(last.at) / 3600)
            let text = "last \(hours) h ago (\(last.transactionCount) payments, \(Money(fen: last.totalFen)))"
            checks.append(hours > 26 ? .warn(settlementID, "terminal settlement", text, fix: "run `kioskctl terminal settle`; check terminal.settlement_time")
                : .pass(settlementID, "terminal settlement", text))
        } else {
            checks.append(.pass(settlementID, "terminal settlement", "none since kioskd started; daily at \(report.settlementTime ?? "?") (China Standard Time)"))
        }
        return checks
    }
}
