extension SessionStateMachine {
    mutating func choosingMethod(_ context: EnrollmentContext, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .methodChosen(let method) where settings.paymentMethods.contains(method):
            return enter(.checkingPrinter(PaymentDraft(context: context, method: method))) + [.checkPrinter]
        case .backTapped:
            return enter(Self.screen(for: context))
        default:
            return []
        }
    }

    /// The printer is asked before money moves.
    /// The journal is checked first (the controller answers `journalCannotCommit` instead of the
    /// printer's readiness when its disk is full): no money moves that could not be recorded.
    mutating func checkingPrinter(_ draft: PaymentDraft, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .printerChecked(let readiness):
            return readiness.canPrint ? startPayment(draft) : enter(.printerUnavailable(draft, readiness))
        case .journalCannotCommit:
            // Out of service once the resident has read why; the journal watch reopens the kiosk when space is freed.
            holdOutage(.journalFull)
            return fail(.journalFull)
        default:
            return []
        }
    }

    mutating func printerUnavailable(_ draft: PaymentDraft, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .continueWithoutReceiptChosen where !settings.printingRequired:
            var paperless = draft
            paperless.printsReceipt = false
            return startPayment(paperless)
        case .backTapped:
            return enter(.choosingMethod(draft.context))
        default:
            return []
        }
    }

    mutating func startPayment(_ draft: PaymentDraft) -> [SessionAction] {
        switch draft.method {
        case .payCode: enter(.awaitingPayCode(draft, notice: nil))
        case .onScreenQR: enter(.journalingIntent(draft, payCode: nil)) + [.journalPaymentIntent(draft.order)]
        }
    }

    mutating func awaitingPayCode(_ draft: PaymentDraft, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .payCodeScanned(let payCode):
            return enter(.journalingIntent(draft, payCode: payCode)) + [.journalPaymentIntent(draft.order)]
        case .unrecognizedCodeScanned, .esscCodeScanned:
            return enter(.awaitingPayCode(draft, notice: .payCodeInvalid), keeping: [.payCode])
        case .usedPayCodeScanned:
            return enter(.awaitingPayCode(draft, notice: .payCodeAlreadyUsed), keeping: [.payCode])
        case .backTapped:
            return enter(.choosingMethod(draft.context))
        default:
            return []
        }
    }
}
