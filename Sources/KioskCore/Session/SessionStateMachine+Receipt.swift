extension SessionStateMachine {
    mutating func fetchReceipt(_ job: ReceiptJob) -> [SessionAction] {
        enter(.fetchingReceipt(job)) + [.fetchReceipt(paymentID: job.paymentID)]
    }

    mutating func fetchingReceipt(_ job: ReceiptJob, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .receiptFetched(let receipt) where receipt.paymentID == job.paymentID:
            let print = PrintJob(document: .electronicReceipt(receipt.keepingVerificationLink(on: settings.verificationURLOrigins)), purpose: job.purpose)
            return enter(.printing(print)) + [.printDocument(print.document)]
        case .receiptFetched, .receiptFetchFailed:
            // A receipt of another payment is never printed: this one stays owed (reprinted later).
            return notPrinted(job.purpose)
        default:
            return []
        }
    }

    mutating func printing(_ job: PrintJob, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .documentPrinted:
            switch job.purpose {
            case .payment(let key):
                return [.journalReceipt(idempotencyKey: key, .printed)] + endSession(.completed, to: .takingReceipt(.paid(.printed)))
            case .reprint:
                return endSession(.completed, to: .takingReceipt(.reprinted(.printed)))
            case .registration:
                return endSession(.completed, to: .takingReceipt(.registered(.printed)))
            }
        case .printFailed:
            return notPrinted(job.purpose)
        default:
            return []
        }
    }

    /// A paid receipt that did not print stays owed in the journal (it is printed later, or reprinted).
    mutating func notPrinted(_ purpose: PrintPurpose) -> [SessionAction] {
        switch purpose {
        case .payment: endSession(.completed, to: .finished(.paid(.owed)))
        case .reprint: endSession(.completed, to: .finished(.reprinted(.notPrinted)))
        case .registration: endSession(.completed, to: .finished(.registered(.notPrinted)))
        }
    }

    mutating func takingReceipt(_ completion: SessionCompletion, _ event: SessionEvent) -> [SessionAction] {
        switch event {
        case .receiptTaken, .doneTapped: enter(.finished(completion))
        default: []
        }
    }
}
