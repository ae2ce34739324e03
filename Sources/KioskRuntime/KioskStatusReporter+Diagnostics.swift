import Foundation
import Glibc
import KioskAPI
import KioskBackendAPI
import KioskConfig
import KioskCore
import KioskDevices
import KioskSession

extension KioskStatusReporter {
    /// `kioskctl diag`: the status's devices and backend judged with their fixes, plus the checks
    /// the status does not make (client certificate, clock, journal space and integrity).
    public func diagnostics() async -> DiagnosticReport {
        let status = await currentStatus()
        let configuration = running.configuration
        let cardReader = devices.devices.pcsc
        var checks: [DiagnosticCheck] = []
        if mode == .production, let reader = cardReader { checks.append(.pcscd(reachable: reader.pcscdReachable)) }
        for device in status.devices {
            switch device.role {
            case .sscReader:
                checks.append(.reader(device, lastATR: cardReader?.lastATR(of: .socialSecurityCard),
                                      virtual: cardReader?.servedByVirtualReader(.socialSecurityCard) ?? false))
            case .idcardReader:
                checks.append(.reader(device, lastATR: cardReader?.lastATR(of: .idCard), virtual: cardReader?.servedByVirtualReader(.idCard) ?? false))
            case .scanner: checks.append(.scanner(device))
            case .printer:
                // The last job is the driver's own record.
                checks.append(.printer(device, lastJob: await devices.devices.printer.printerInfo().lastJob.map(Self.jobText)))
            }
        }
        checks.append(.backend(status.backend))
        if let terminal { checks += DiagnosticCheck.terminal(await terminal.terminalReport(), now: wallClock.now()) }
        checks.append(clientCertificateCheck(configuration.backend))
        checks.append(await clockCheck())
        let journalPath = configuration.journal.path
        checks.append(.journalSpace(freeBytes: SQLitePaymentJournal.freeBytes(near: journalPath), path: journalPath))
        checks.append(Self.integrityCheck(path: journalPath))
        checks += DiagnosticCheck.payments(status.journal?.summary)
        checks.append(.configuration(await configurationUpdates.status()))
        return DiagnosticReport(kioskID: status.kioskID, mode: mode, generatedAt: ISO8601DateFormatter().string(from: wallClock.now()), checks: checks)
    }

    private func clientCertificateCheck(_ backend: KioskConfiguration.Backend) -> DiagnosticCheck {
        guard backend.url.hasPrefix("https://") else { return .clientCertificate(daysLeft: nil, path: nil, problem: nil) }
        do {
            let expiry = try HTTPSBackendClient.certificateExpiry(path: backend.clientCertificate)
            let days = Int((expiry.timeIntervalSinceNow / 86_400).rounded(.down))
            return .clientCertificate(daysLeft: days, path: backend.clientCertificate, problem: nil)
        } catch {
            return .clientCertificate(daysLeft: nil, path: backend.clientCertificate, problem: error.message)
        }
    }

    private func clockCheck() async -> DiagnosticCheck {
        guard let backend = backend?.https else { return .clock(skewSeconds: nil, problem: "no backend client") }
        do {
            let before = wallClock.now()
            let server = try await backend.serverDate()
            // The Date header has whole seconds: compare with the middle of the exchange.
            let local = before.addingTimeInterval(wallClock.now().timeIntervalSince(before) / 2)
            return .clock(skewSeconds: local.timeIntervalSince(server), problem: nil)
        } catch {
            return .clock(skewSeconds: nil, problem: error.message)
        }
    }

    static func integrityCheck(path: String) -> DiagnosticCheck {
        do {
            return .journalIntegrity(try SQLitePaymentJournal.integrityCheck(path: path), problem: nil, path: path)
        } catch {
            return .journalIntegrity(nil, problem: error.message, path: path)
        }
    }

    static func jobText(_ job: PrinterJobInfo) -> String {
        "#\(job.id) \(job.state)\(job.reasons.isEmpty ? "" : " (\(job.reasons.joined(separator: ", ")))")"
    }
}
