import Foundation
import KioskCore
import KioskDevices
import KioskSimulators
import KioskTesting
import Testing

/// The nexo driver against the virtual PIN pad over HTTPS: protected messages both ways, TLS with
/// the terminal's root and name, every outcome the session acts on, and every fault the issue lists.
@Suite("nexo terminal driver over HTTPS against the virtual PIN pad", .timeLimit(.minutes(2)))
struct NexoTerminalTests {
    typealias Stack = NexoTerminalStack

    @Test("approved: the card is charged once and the approval carries the terminal's reference, ****last four, the auth code")
    func approved() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            let request = Stack.request()
            guard case .approved(let approval) = try await stack.terminal.pay(request) else { Issue.record("not approved"); return }
            #expect(approval.amount == .yuan(430))
            #expect(approval.maskedPAN == "****" + String(SimulatedBankCard.unionPayDebit.pan.suffix(4)))
            #expect(approval.authCode?.count == 6)
            #expect(approval.acquirerReference?.isEmpty == false)
            #expect(approval.brand == "UnionPay")
            let ledger = await stack.pad.transactions
            #expect(ledger.count == 1)
            #expect(ledger.first?.saleTransactionID == request.transactionID, "the idempotency key is the SaleTransactionID")
            #expect(ledger.first?.serviceID == request.serviceID, "the Payment's ServiceID comes from the key")
            #expect(ledger.first?.poiTransactionID.transactionID == approval.terminalTransactionID)
            #expect(await stack.pad.charged == .yuan(430))
        }
    }

    @Test("each decline comes back as what the resident is told, and nothing is charged",
          arguments: [
              (SimulatedCardholder.pays(.insufficientFunds), CardRefusal.insufficientFunds),
              (.pays(.expired), .cardExpired),
              (.pays(.blocked), .cardBlocked),
              (.pays(.unionPayDebit, pins: ["000000", "111111", "222222"], by: .insert), .wrongPIN),
              (.cancels, .cancelled),
          ])
    func declined(cardholder: SimulatedCardholder, refusal: CardRefusal) async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.enqueueCardholder(cardholder)
            let outcome = try await stack.terminal.pay(Stack.request())
            #expect(outcome == .declined(refusal))
            #expect(await stack.pad.charged == .zero)
        }
    }

    @Test("wrong PIN twice, then right: approved (the PIN pad lets the resident try again within one payment)")
    func wrongPINThenRight() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit, pins: ["000000", "111111", SimulatedBankCard.samplePIN], by: .insert))
            guard case .approved = try await stack.terminal.pay(Stack.request()) else { Issue.record("not approved"); return }
            #expect(await stack.pad.charged == .yuan(430))
        }
    }

    @Test("cancel at the kiosk's screen: the Abort reaches the pad beside the running Payment, which ends cancelled")
    func abortWhileAtThePad() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            let request = Stack.request()
            var screens = await stack.pad.screens().makeAsyncIterator()
            async let outcome = stack.terminal.pay(request)
            while let screen = await screens.next() {
                if case .presentCard = screen { break }
            }
            try await stack.terminal.abort(request)
            #expect(try await outcome == .declined(.cancelled))
            #expect(await stack.pad.charged == .zero)
        }
    }

    @Test("busy: refused before anything happened")
    func busy() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.inject(.busy)
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.pay(Stack.request()) }
            #expect(error?.code == .terminalBusy)
            #expect(await stack.pad.charged == .zero)
        }
    }

    @Test("the answer is lost after the card was charged: TransactionStatus finds the approval (never a second payment)")
    func answerLostAfterApproval() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.inject(.answerLostAfterApproval)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            let request = Stack.request()
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.pay(request) }
            #expect(error?.code == .terminalNoAnswer)
            guard case .finished(.approved(let approval)) = try await stack.terminal.status(of: request) else { Issue.record("not found approved"); return }
            #expect(approval.terminalTransactionID == (await stack.pad.transactions.first?.poiTransactionID.transactionID))
            #expect(await stack.pad.transactions.count == 1)
            #expect(await stack.pad.charged == .yuan(430))
        }
    }

    @Test("the terminal restarts mid-payment: the answer is lost and TransactionStatus says it never happened")
    func restartMidTransaction() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.inject(.restartMidTransaction)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            let request = Stack.request()
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.pay(request) }
            #expect(error?.code == .terminalNoAnswer)
            let status = try await stack.terminal.status(of: request)
            #expect(status == .notFound)
            #expect(await stack.pad.charged == .zero)
        }
    }

    @Test("a terminal that never answers: the Payment times out as an unknown outcome; TransactionStatus sees it in progress, then its end")
    func neverAnswers() async throws {
        try await withNexoStack(try await Stack.start(paymentTimeout: .seconds(1))) { stack in
            await stack.pad.inject(.neverAnswers)
            let request = Stack.request()
            var screens = await stack.pad.screens().makeAsyncIterator()
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.pay(request) }
            #expect(error?.code == .terminalNoAnswer)
            let running = try await stack.terminal.status(of: request)
            #expect(running == .inProgress)
            while let screen = await screens.next() {
                if case .presentCard = screen { break }
            }
            #expect(await stack.pad.present(.unionPayDebit))
            while let screen = await screens.next() {
                if case .enterPIN = screen { break }
            }
            #expect(await stack.pad.enterPIN(SimulatedBankCard.samplePIN))
            while let screen = await screens.next() {
                if case .approved = screen { break }
                if case .removeCard = screen { break }
            }
            guard case .finished(.approved) = try await stack.terminal.status(of: request) else { Issue.record("not approved"); return }
        }
    }

    @Test("reversal gives the money back once; asked again (its answer lost) it is answered as done, moving nothing")
    func reversal() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            guard case .approved(let approval) = try await stack.terminal.pay(Stack.request()) else { Issue.record("not approved"); return }
            #expect(try await stack.terminal.reverse(approval, reason: .unableToComplete) == .reversed)
            #expect(await stack.pad.charged == .zero)
            #expect(try await stack.terminal.reverse(approval, reason: .unableToComplete) == .reversed)
            #expect(await stack.pad.balance(of: .unionPayDebit) == SimulatedBankCard.unionPayDebit.balance)
        }
    }

    @Test("login, diagnosis and the day's settlement (approved minus reversed)")
    func adminMessages() async throws {
        try await withNexoStack(try await Stack.start()) { stack in
            #expect(try await stack.terminal.login().status == "OK")
            let diagnosis = try await stack.terminal.diagnose()
            #expect(diagnosis.status == "OK")
            #expect(diagnosis.hostReachable == true)
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            _ = try await stack.terminal.pay(Stack.request(.yuan(430)))
            await stack.pad.enqueueCardholder(.pays(.socialSecurityCard))
            guard case .approved(let second) = try await stack.terminal.pay(Stack.request(.yuan(380))) else { Issue.record("not approved"); return }
            _ = try await stack.terminal.reverse(second, reason: .customerCancel)
            let settlement = try await stack.terminal.settle()
            #expect(settlement.transactionCount == 2)
            #expect(settlement.total == .yuan(430))
            #expect(!settlement.reconciliationID.isEmpty)
            #expect(try await stack.terminal.settle().total == .zero, "a settlement closes the period")
        }
    }

    @Test("a kiosk with another passphrase: the terminal cannot read it and refuses, nothing charged")
    func wrongKey() async throws {
        try await withNexoStack(try await Stack.start(kioskPassphrase: "not-the-terminal's-passphrase")) { stack in
            await stack.pad.enqueueCardholder(.pays(.unionPayDebit))
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.pay(Stack.request()) }
            #expect(error?.code == .terminalRefused)
            #expect(await stack.pad.transactions.isEmpty)
        }
    }

    @Test("TLS: a certificate issued to another name, or chaining to another root, is refused before anything is sent")
    func tls() async throws {
        try await withNexoStack(try await Stack.start(kioskCertificateName: "V400m-000000000.test.terminal.adyen.com")) { stack in
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.diagnose() }
            #expect(error?.code == .terminalTLS)
        }
        let otherRoot = try SimulatedTerminalCredentials.generate(certificateName: Stack.certificateName, now: Date()).rootPEM
        try await withNexoStack(try await Stack.start(kioskRoot: otherRoot)) { stack in
            let error = await #expect(throws: KioskError.self) { try await stack.terminal.pay(Stack.request()) }
            #expect(error?.code == .terminalTLS)
            #expect(await stack.pad.transactions.isEmpty)
        }
    }

    @Test("nothing listens at the address: unreachable (nothing was sent)")
    func unreachable() async throws {
        let security = try NexoMessageSecurity(keyIdentifier: "kioskd-test", keyVersion: 1, passphrase: "unused")
        let credentials = try SimulatedTerminalCredentials.generate(certificateName: Stack.certificateName, now: Date())
        // Port 1 (tcpmux) has no listener here: the connection is refused at once.
        let settings = NexoTerminalSettings(address: "127.0.0.1:1", certificateName: Stack.certificateName, trustRoot: .pem(credentials.rootPEM),
                                            poiID: Stack.poiID, saleID: Stack.saleID, security: security)
        let transport = try HTTPSNexoTransport(settings: settings)
        let terminal = NexoTerminal(settings: settings, transport: transport, softwareVersion: "test")
        let error = await #expect(throws: KioskError.self) { try await terminal.diagnose() }
        await transport.shutdown()
        #expect(error?.code == .terminalUnreachable, "\(String(describing: error))")
    }
}
