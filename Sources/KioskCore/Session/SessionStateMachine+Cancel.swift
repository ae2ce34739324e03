extension SessionStateMachine {
    /// Cancel from any screen where the resident can; while money is in flight it means "reverse and end",
    /// and while the outcome is being learnt (journaling, submitting, reversing) it is not offered.
    mutating func cancelTapped() -> [SessionAction] {
        switch state {
        case .readingCard, .typingIdentity, .lookingUpPerson, .lookingUpEnrollment, .showingEnrollment, .confirmingRegistration,
             .alreadyPaid, .unavailable, .choosingBeneficiary, .loadingHistory, .showingHistory, .choosingMethod, .checkingPrinter,
             .printerUnavailable, .awaitingPayCode, .paymentFailed, .stillThere:
            return endSession(.cancelled, to: .attract(notice: nil))
        case .awaitingPayer(let flight, _, _), .showingQR(let flight, _):
            return reverse(flight, .cancelledByResident)
        default:
            return []
        }
    }

    /// Ends the session with an error: the data is wiped, the code is shown.
    mutating func fail(_ problem: SessionProblem) -> [SessionAction] {
        endSession(.failed(problem.code), to: .failed(problem))
    }

    mutating func fail(_ code: KioskError.Code) -> [SessionAction] {
        fail(SessionProblem(code))
    }
}
