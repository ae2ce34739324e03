import Foundation
import KioskCore
import KioskServer
import KioskSession
import KioskSimulators
import SandboxBackend

/// `kioskd --demo`'s control panel (`/demo`): a tester's hands on the simulated devices and the
/// embedded sandbox, so every journey can be shown and tested without hardware.
struct DemoControlPanel: DemoControls {
    let cards: SimulatedCardReader
    let scanner: SimulatedScanner
    let printer: SimulatedPrinter
    let sandbox: EmbeddedSandbox
    let session: SessionController
    let backendWatch: BackendWatch
    /// The virtual PIN pad and its network side; nil when kiosk.conf names a real terminal.
    let terminalServer: SimulatedTerminalServer?
    var terminal: SimulatedPaymentTerminal? { terminalServer?.terminal }
    let terminalWatch: TerminalWatch?

    func residents() async -> [DemoResidentInfo] {
        sandbox.registry.residents.enumerated().map { index, resident in
            DemoResidentInfo(index: index, label: Self.label(resident), hasSSC: resident.sscCardNumber != nil, hasESSC: resident.esscToken != nil)
        }
    }

    func insertCard(_ kind: CardKind, resident index: Int) async throws(KioskError) {
        let resident = try resident(at: index)
        switch kind {
        case .socialSecurityCard:
            guard let cardNumber = resident.sscCardNumber else {
                throw KioskError(.demoRefused, "demo resident \(index) has no social security card in the sandbox")
            }
            try cards.insert(CardHolder(kind: .socialSecurityCard, name: resident.name, idNumber: resident.idNumber.value, cardNumber: cardNumber))
        case .idCard:
            try cards.insert(CardHolder(kind: .idCard, name: resident.name, idNumber: resident.idNumber.value, regionCode: String(resident.idNumber.value.prefix(6))))
        }
    }

    func removeCard(_ kind: CardKind) async {
        cards.remove(kind)
    }

    func scanPayCode(channel: PayCode.Channel, outcome: String) async throws(KioskError) {
        guard outcome == "succeed" || PayCodeScenario(rawValue: outcome) != nil else {
            let known = ["succeed"] + PayCodeScenario.allCases.map(\.rawValue).filter { $0 != "succeed" }
            throw KioskError(.demoRefused, "unknown pay code outcome \"\(outcome)\" (one of \(known.joined(separator: ", ")))")
        }
        scanner.scan(Self.payCode(channel: channel, outcome: outcome))
    }

    func scanESSC(resident index: Int) async throws(KioskError) {
        guard let token = try resident(at: index).esscToken else {
            throw KioskError(.demoRefused, "demo resident \(index) has no electronic social security card in the sandbox")
        }
        scanner.scan(token)
    }

    func scan(text: String) async {
        scanner.scan(text)
    }

    func payShownQR(channel: PayCode.Channel) async throws(KioskError) {
        let state = await session.state
        guard case .showingQR(_, let snapshot) = state else {
            throw KioskError(.demoRefused, "no payment QR is on the screen (the screen is \(state.kind.rawValue))")
        }
        let paid: Bool
        do {
            paid = try sandbox.backend.simulateQRPaid(paymentID: snapshot.paymentID, channel: channel)
        } catch {
            throw KioskError(.demoRefused, "the sandbox could not record the QR payment: \(error)")
        }
        guard paid else { throw KioskError(.demoRefused, "the QR on the screen can no longer be paid (expired or already closed)") }
    }

    func setPaper(_ paper: PaperSupply) async {
        printer.paper = paper
    }

    func setBackend(up: Bool) async {
        sandbox.outage.isDown = !up
        await backendWatch.checkNow()
    }

    func terminal(_ step: DemoTerminalStep) async throws(KioskError) {
        guard let terminal else { throw KioskError(.demoRefused, "kiosk.conf names a real payment terminal: there is no virtual PIN pad to use") }
        let done: Bool
        switch step.action {
        case "present":
            guard let card = SimulatedBankCard.sample(named: step.card ?? "unionPayDebit") else {
                throw KioskError(.demoRefused, "no demo card \"\(step.card ?? "")\" (one of \(SimulatedBankCard.samples.map(\.name).joined(separator: ", ")))")
            }
            done = await terminal.present(card, by: step.entry == "tap" ? .tap : .insert)
        case "pin":
            guard let card = await terminal.presentedCard else { throw KioskError(.demoRefused, "no card is in the PIN pad") }
            done = await terminal.enterPIN(step.pin == "wrong" ? Self.wrongPIN(for: card.pin) : card.pin)
        case "cancel": done = await terminal.cancelAtPINPad()
        case "offline", "online":
            terminalServer?.isOnline = step.action == "online"
            await terminalWatch?.checkNow()
            done = true
        case "remove": done = await terminal.removeCard()
        case "clear":
            await terminal.clearFaults()
            done = true
        case "fault":
            guard let fault = SimulatedTerminalFault(name: step.fault ?? "") else {
                throw KioskError(.demoRefused, "unknown terminal fault \"\(step.fault ?? "")\"")
            }
            await terminal.inject(fault)
            done = true
        default:
            throw KioskError(.demoRefused, "unknown PIN pad action \"\(step.action)\" (present, pin, cancel, remove, fault, clear, offline, online)")
        }
        guard done else {
            throw KioskError(.demoRefused, "the PIN pad does not take \"\(step.action)\" now (it shows \(await terminal.screen))")
        }
    }

    static func wrongPIN(for pin: String) -> String {
        String(pin.map { $0 == "9" ? "0" : Character(String((Int(String($0)) ?? 0) + 1)) })
    }

    func state() async -> DemoState {
        let readers = await cards.readers()
        var present: [String: Bool] = [:]
        for kind in CardKind.allCases {
            present[kind.rawValue] = readers.first { $0.role == kind.rawValue }?.cardPresent ?? false
        }
        return DemoState(printer: printer.paper.rawValue, backendUp: !sandbox.outage.isDown, cards: present, screen: await session.state.kind.rawValue,
                         printed: printer.printedCount,
                         terminal: terminalServer?.isOnline == false ? "已断开" : await terminal?.screen.demoText)
    }

    func lastReceiptImage() async -> [UInt8]? {
        printer.lastReceiptImage
    }

    private func resident(at index: Int) throws(KioskError) -> Resident {
        let residents = sandbox.registry.residents
        guard residents.indices.contains(index) else {
            throw KioskError(.demoRefused, "there is no demo resident \(index) (0..<\(residents.count))")
        }
        return residents[index]
    }

    /// Masked, with what makes the resident interesting to demonstrate.
    static func label(_ resident: Resident) -> String {
        var traits = ["户籍 \(resident.hukouRegion)"]
        if !resident.paysFor.isEmpty { traits.append("可为家人代缴") }
        if !resident.groups.isEmpty { traits.append("困难群体") }
        if resident.isCollegeStudent { traits.append("大学生") }
        return ([resident.maskedName] + traits).joined(separator: " · ")
    }

    /// A well-formed code of the channel whose last two digits choose the sandbox provider's outcome.
    static func payCode(channel: PayCode.Channel, outcome: String) -> String {
        let prefix: String
        let length: Int
        switch channel {
        case .wechat: (prefix, length) = ("13", 18)
        case .alipay: (prefix, length) = ("28", 18)
        case .unionpay: (prefix, length) = ("62", 19)
        }
        let suffix = outcome == "succeed" ? String(format: "%02d", Int.random(in: 0...89)) : outcome
        let middle = (0..<(length - prefix.count - 2)).map { _ in String(Int.random(in: 0...9)) }.joined()
        return prefix + middle + suffix
    }
}

extension DemoControlPanel {
    /// The panel exists only in `--demo`, where every device is simulated and the sandbox is embedded.
    static func make(devices: DeviceSet, sandbox: EmbeddedSandbox?, session: SessionController?, backendWatch: BackendWatch?,
                     terminal: SimulatedTerminalServer?, terminalWatch: TerminalWatch?) -> DemoControlPanel? {
        guard let simulated = devices.simulated, let sandbox, let session, let backendWatch else { return nil }
        return DemoControlPanel(cards: simulated.cards, scanner: simulated.scanner, printer: simulated.printer, sandbox: sandbox,
                                session: session, backendWatch: backendWatch, terminalServer: terminal, terminalWatch: terminalWatch)
    }
}

extension SimulatedTerminalScreen {
    /// What the virtual PIN pad's display says, for the demo panel.
    var demoText: String {
        switch self {
        case .idle: "待机"
        case .presentCard(let amount): "请插卡或挥卡 \(amount)"
        case .enterPIN(let triesLeft): "请输入密码（还可输入 \(triesLeft) 次）"
        case .authorising: "交易处理中…"
        case .approved: "交易成功"
        case .declined(let reason): "交易失败：\(reason)"
        case .removeCard: "请取卡"
        }
    }
}
