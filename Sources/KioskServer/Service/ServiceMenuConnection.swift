import Foundation
import KioskAPI
import KioskCore
import Synchronization

/// One resident page's side of the service menu and the test pattern. The page asks for the PIN pad
/// (the hidden gesture), sends the PIN, then the menu's buttons; kioskd answers each with JSON. The
/// menu stays open for 2 minutes after the page's last message, then the PIN is needed again.
final class ServiceMenuConnection: Sendable {
    static let idleSeconds: TimeInterval = 120
    static let maintenanceReason = "屏幕维护菜单"
    static let patternSeconds = 10

    let tools: ResidentServiceTools
    private let openUntil = Mutex<Date?>(nil)

    init(tools: ResidentServiceTools) { self.tools = tools }

    private struct PINMessage: Decodable { let pin: String }
    private struct ActionMessage: Decodable { let action: String }
    private struct ShownMessage: Decodable { let width: Int; let height: Int; let ratio: Double }
    private struct Menu: Encodable {
        let type = "serviceMenu"
        let report: DiagnosticReport
        let maintenance: MaintenanceStatus?
        let notice: String?
    }
    private struct Refused: Encodable {
        let type = "serviceRefused"
        let message: String
    }
    private struct Bare: Encodable { let type: String }

    /// The replies to one message of `type`; nil when `type` is not the service menu's.
    func handle(type: String, data: Data) async throws -> [String]? {
        switch type {
        case "overlayShown":
            let shown = try JSONDecoder().decode(ShownMessage.self, from: data)
            await tools.overlays.shown(MeasuredScreen(width: shown.width, height: shown.height, ratio: shown.ratio))
            return []
        case "serviceOpen":
            // Disabled (no PIN configured) or a resident at the screen: the gesture does nothing.
            guard tools.gate != nil, await tools.noResidentServed() else { return [] }
            return [try Self.encode(Bare(type: "servicePINPad"))]
        case "servicePIN":
            return try await unlock(with: JSONDecoder().decode(PINMessage.self, from: data).pin)
        case "serviceAction":
            return try await perform(JSONDecoder().decode(ActionMessage.self, from: data).action)
        default:
            return nil
        }
    }

    private func unlock(with pin: String) async throws -> [String] {
        guard let gate = tools.gate else { return [] }
        guard await tools.noResidentServed() else { return [try Self.encode(Refused(message: "正在为居民办理业务，请稍后再试"))] }
        switch await gate.attempt(pin) {
        case .accepted:
            touch()
            return [try await menu(notice: nil)]
        case .refused(let remaining):
            return [try Self.encode(Refused(message: "PIN 不正确，还可尝试 \(remaining) 次"))]
        case .locked(let until):
            let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
            return [try Self.encode(Refused(message: "已锁定，请 \(minutes) 分钟后再试"))]
        }
    }

    private func perform(_ action: String) async throws -> [String] {
        // A resident at the screen closes the menu: it never acts beside a session.
        guard let gate = tools.gate, isOpen(), await tools.noResidentServed() else {
            openUntil.withLock { $0 = nil }
            return [try Self.encode(Bare(type: "serviceClosed"))]
        }
        touch()
        switch action {
        case "recheck":
            return [try await menu(notice: "已重新检查")]
        case "maintenanceOn", "maintenanceOff":
            guard let maintenance = tools.maintenance else { return [try await menu(notice: "本机没有维护模式")] }
            let on = action == "maintenanceOn"
            let change = on ? await maintenance.startMaintenance(reason: Self.maintenanceReason) : await maintenance.endMaintenance()
            gate.record("service menu maintenance \(on ? "on" : "off")", outcome: change.current.state.rawValue)
            return [try await menu(notice: on ? "维护模式已开启" : "维护模式已关闭")]
        case "printTestPage":
            guard let printer = tools.printer else { return [try await menu(notice: "本机没有配置打印机")] }
            let report = await PrinterSelftest(printer: printer).run()
            gate.record("service menu test page", outcome: report.passed ? "printed" : "failed")
            let notice = report.passed ? "✔ 测试页已打印" : "✘ 测试页未打印：\(report.summary)\(report.fix.map { " — \($0)" } ?? "")"
            return [try await menu(notice: notice)]
        case "screenTest":
            gate.record("service menu test pattern", outcome: "shown")
            // Every page shows the pattern through the overlay fan-out; nobody waits for its answer here.
            Task { [tools] in _ = await tools.overlays.showTestPattern(seconds: Self.patternSeconds, kioskID: tools.kioskID) }
            return []
        case "close":
            openUntil.withLock { $0 = nil }
            return [try Self.encode(Bare(type: "serviceClosed"))]
        default:
            throw ResidentActionError("unknown service menu action \"\(action)\"")
        }
    }

    private func menu(notice: String?) async throws -> String {
        async let report = tools.diagnostics()
        async let maintenance = tools.maintenance?.maintenanceStatus()
        return try Self.encode(Menu(report: await report, maintenance: await maintenance, notice: notice))
    }

    private func touch() { openUntil.withLock { $0 = tools.wallClock.now().addingTimeInterval(Self.idleSeconds) } }

    private func isOpen() -> Bool { openUntil.withLock { $0.map { tools.wallClock.now() < $0 } ?? false } }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
