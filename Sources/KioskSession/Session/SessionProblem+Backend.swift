import KioskBackendAPI
import KioskCore

extension SessionProblem {
    /// A backend failure as the session sees it: a problem answer carries the contract's code (and
    /// Chinese text); anything else (timeout, connection lost, 5xx) may have taken effect.
    init(backend error: KioskError) {
        if let problem = error.backendProblem {
            self.init(KioskError.Code(problem.listedCode), backendMessage: BackendText.line(problem.messageZh, limit: BackendText.sentenceLimit),
                      isUncertain: problem.status >= 500)
        } else {
            self.init(error.code, isUncertain: true)
        }
    }

    /// A device or journal failure: its own code; nothing reached the backend.
    init(local error: KioskError) {
        self.init(error.code)
    }
}
