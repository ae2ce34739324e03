/// The one error type of the kiosk: a stable `code` that tests and the UI match on,
/// a message for logs (never personal data) and an optional underlying cause.
public struct KioskError: Error, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String
    public let cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "[\(code.rawValue)] \(message)" + " (cause: \(cause))" }
        return "[\(code.rawValue)] \(message)"
    }
}

extension KioskError {
    /// Every code the kiosk can end an operation with: one closed catalogue. `ResidentMessage` switches
    /// over it exhaustively, so a new code does not compile until it has its plain Chinese.
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
        // MARK: The kiosk and its set-up
        case configUnreadable = "config.unreadable"
        case configInvalid = "config.invalid"
        case adminSocketUnavailable = "admin.socket_unavailable"
        case adminGroupUnknown = "admin.group_unknown"
        case pcscUnavailable = "pcsc.unavailable"
        case usbUnavailable = "usb.unavailable"
        case printerUnreachable = "printer.unreachable"
        case devicesDatabaseInvalid = "devices.database_invalid"
        case policyInvalid = "policy.invalid"
        /// A demo control asked for something the demo cannot do now (no such resident, no QR shown).
        case demoRefused = "demo.refused"

        // MARK: Configuration bundles and history
        /// Not a bundle: bad JSON, wrong format, payload not base64, manifest missing fields.
        case bundleMalformed = "bundle.malformed"
        /// Signed by a key not in `[updates] trusted_keys`.
        case bundleUnknownKey = "bundle.unknown_key"
        /// The signature does not match the bytes: tampered with, or the key_id swapped.
        case bundleBadSignature = "bundle.bad_signature"
        case bundleExpired = "bundle.expired"
        case bundleWrongTarget = "bundle.wrong_target"
        /// Not above the highest version taken: a replay of an old bundle.
        case bundleOldVersion = "bundle.old_version"
        /// The configuration inside fails validation, or names another kiosk or version.
        case bundleInvalidConfiguration = "bundle.invalid_configuration"
        /// It changes settings that only a restart of kioskd takes (sockets, journal, card readers…).
        case bundleNeedsRestart = "bundle.needs_restart"
        /// It changes a trust anchor (backend URL or TLS files, trusted keys): only root's kiosk.conf may.
        case bundleChangesTrustAnchor = "bundle.changes_trust_anchor"
        /// Expires further ahead than a bundle may live (`BundleVerifier.maximumLifetime`).
        case bundleLifetimeTooLong = "bundle.lifetime_too_long"
        /// Writing the new kiosk.conf (or keeping the previous one) failed; the running configuration stays.
        case configWriteFailed = "config.write_failed"
        /// There is no earlier applied version to go back to.
        case configNoPrevious = "config.no_previous"

        // MARK: Card reads (each has plain Chinese for the resident)
        /// The card's validity date has passed.
        case cardExpired = "card.expired"
        /// The ID number on the card fails the GB 11643 check character (or is not an ID number at all).
        case cardIDNumberInvalid = "card.id_number_invalid"
        /// The card is not one this kiosk reads (not an SSC, unknown GA 467 card type…).
        case cardNotSupported = "card.not_supported"
        /// The SSC application or its PIN is locked (9303, 6983).
        case cardLocked = "card.locked"
        /// The card (or the ID reader's SAM) stopped answering within the per-command timeout.
        case cardNotResponding = "card.not_responding"
        /// The ID-card reader's security module failed (GA 467 SW3 31, 32, 33, 47, 60, 66).
        case cardReaderSAMFailed = "card.sam_failed"
        /// No reader for the slot is connected (unplugged, pcscd without it).
        case cardReaderMissing = "card.reader_missing"

        // MARK: Bank cards at the payment terminal (nothing was charged in any of these)
        case bankCardInsufficientFunds = "bank_card.insufficient_funds"
        case bankCardWrongPIN = "bank_card.wrong_pin"
        case bankCardExpired = "bank_card.expired"
        case bankCardBlocked = "bank_card.blocked"
        /// No card was presented, or the PIN not entered, before the terminal gave up.
        case bankCardTimedOut = "bank_card.timed_out"
        /// The terminal could not read the card, or the card is not accepted here.
        case bankCardNotAccepted = "bank_card.not_accepted"

        // MARK: The payment terminal
        /// The terminal is busy with another request: nothing was done.
        case terminalBusy = "terminal.busy"
        /// No connection could be made: nothing reached the terminal.
        case terminalUnreachable = "terminal.unreachable"
        /// The request was sent and no answer came (timeout, connection lost): the outcome is unknown.
        case terminalNoAnswer = "terminal.no_answer"
        /// The terminal refused the request itself (message format, not allowed, logged out): nothing was done.
        case terminalRefused = "terminal.refused"
        /// The answer is not the protocol (bad JSON, failed security trailer, another message): the outcome is unknown.
        case terminalMalformed = "terminal.malformed"
        /// The TLS handshake with the terminal failed: certificate not trusted or not the configured terminal's.
        case terminalTLS = "terminal.tls"
        /// The terminal's key or TLS material (passphrase file, CA) cannot be loaded.
        case terminalCredentials = "terminal.credentials"

        // MARK: The backend contract (openapi.yaml, Problem.code) and the session acting on it
        case identityNotFound = "identity.not_found"
        case identityMismatch = "identity.mismatch"
        case identityTokenInvalid = "identity.token_invalid"
        /// The session's own: too many typed name and ID number pairs were refused (not found, mismatch).
        case identityTooManyAttempts = "identity.too_many_attempts"
        case enrollmentNotFound = "enrollment.not_found"
        case enrollmentNotEligible = "enrollment.not_eligible"
        case enrollmentWindowNotOpen = "enrollment.window_not_open"
        case enrollmentWindowClosed = "enrollment.window_closed"
        case enrollmentWindowClosedPayElsewhere = "enrollment.window_closed_pay_elsewhere"
        case enrollmentAlreadyPaid = "enrollment.already_paid"
        case enrollmentNothingToPay = "enrollment.nothing_to_pay"
        case paymentAmountMismatch = "payment.amount_mismatch"
        case paymentDeclined = "payment.declined"
        case paymentNotFound = "payment.not_found"
        case paymentNotReversible = "payment.not_reversible"
        case paymentInProgress = "payment.in_progress"
        /// The enrollment says a payment for the person and year is still open (at any kiosk).
        case enrollmentPaymentInProgress = "enrollment.payment_in_progress"
        /// A create under a key the kiosk (or reconciliation) fenced: refused, nothing charged.
        case paymentIdempotencyKeyVoided = "payment.idempotency_key_voided"
        case paymentPayerNotRelated = "payment.payer_not_related"
        case idempotencyConflict = "idempotency.conflict"
        case receiptNotReady = "receipt.not_ready"
        case requestInvalid = "request.invalid"
        /// Contract codes the kiosk does not act on beyond showing that the service is unavailable.
        case kioskUnknown = "kiosk.unknown"
        case configurationNotPublished = "configuration.not_published"
        case backendInternal = "internal"
        /// A problem code the contract does not list: what a backend invents never becomes a screen of
        /// its own or a new metrics label.
        case backendUnlistedCode = "backend.unlisted_code"

        // MARK: Input the resident gives
        case payCodeInvalid = "payment.paycode_invalid"
        case idNumberInvalid = "identity.id_number_invalid"

        // MARK: The resident session itself
        /// A tier's amount or due is negative, or a payable enrollment has nothing due.
        case sessionAmountInvalid = "session.amount_invalid"
        /// The amount is above this kiosk's `payment.max_amount_fen`.
        case sessionAmountAboveMaximum = "session.amount_above_maximum"
        /// The backend's payment is for another amount than the one the resident confirmed.
        case sessionAmountChanged = "session.amount_changed"
        /// The enrollment contradicts itself (another person or year, unknown status, missing tier…).
        case sessionEnrollmentInconsistent = "session.enrollment_inconsistent"
        /// An answer about another payment than the one in flight (or a receipt of another payment):
        /// a broken backend, never silence — the payment is left to reconciliation.
        case sessionPaymentMismatch = "session.payment_mismatch"
        /// The backend charged the resident for something other than what they confirmed (amount, person,
        /// year or tier): recorded, flagged for technicians, and the resident told.
        case sessionChargedOtherThanConfirmed = "session.charged_other_than_confirmed"
        /// The backend (or the journal) gave no usable answer within `SessionSettings.maximumWaitSeconds`.
        case sessionNoAnswer = "session.no_answer"
        /// The backend reported a payment status this kiosk does not know.
        case sessionPaymentStatusUnknown = "session.payment_status_unknown"
        case sessionTimedOut = "session.timed_out"
        /// A technician's read of holder data while a resident is at the kiosk: refused, the resident's read comes first.
        case sessionResidentBeingServed = "session.resident_being_served"
        case cardRemoved = "card.removed"
        case cardUnreadable = "card.unreadable"
        /// The payer did not confirm on the phone (or the provider never answered) in time; the payment was reversed.
        case paymentNotConfirmed = "payment.not_confirmed"
        case paymentQRExpired = "payment.qr_expired"
        /// The backend's pay link for the on-screen QR is missing or outside `payment.qr_url_origins`: not shown, reversed.
        case paymentQRRefused = "payment.qr_refused"
        case paymentCancelled = "payment.cancelled"
        case paymentReversed = "payment.reversed"
        /// The outcome could not be learnt; reconciliation settles it from the journal, at once.
        case paymentUnresolved = "payment.unresolved"
        case printerPaperOut = "printer.paper_out"
        case printerJammed = "printer.jammed"
        case printerOffline = "printer.offline"
        case printFailed = "printer.print_failed"
        case serviceUnavailable = "service.unavailable"

        // MARK: The payment journal
        /// The journal file cannot be created, opened, read or written (the message names the path).
        case journalUnavailable = "journal.unavailable"
        /// An intent with this idempotency key is already journaled.
        case journalDuplicateIntent = "journal.duplicate_intent"
        /// No intent is journaled under this idempotency key.
        case journalUnknownIntent = "journal.unknown_intent"
        /// The entry cannot move to the state asked for (e.g. a resolved payment back to submitted).
        case journalIllegalTransition = "journal.illegal_transition"
        /// Payments from before a restart are not yet reconciled with the backend: no resident is taken until they are.
        case journalUnsettled = "journal.unsettled"
        /// The journal's disk is (nearly) full: no payment starts, the kiosk is out of service until space is freed.
        case journalFull = "journal.full"

        // MARK: The scanner
        /// The scanner is on the bus but cannot be used: no access to its device node, no HID interface,
        /// claimed by another program (the message names the fix).
        case scannerUnusable = "scanner.unusable"
        /// The scanner went away or stopped answering while it was in use.
        case scannerLost = "scanner.lost"
        /// A pay code already used within its validity was scanned again.
        case payCodeAlreadyUsed = "paycode.already_used"

        // MARK: The printer
        /// The receipt could not be laid out or encoded (a library failure or an impossible page size).
        case printerRenderFailed = "printer.render_failed"

        // MARK: The admin API (kioskctl)
        /// A request body that is not the JSON the route takes.
        case adminBodyInvalid = "admin.body_invalid"
        /// `kioskctl maintenance on --reason`: empty, too long or more than one line.
        case maintenanceReasonInvalid = "maintenance.reason_invalid"
        case selftestTimeout = "selftest.timeout"
        case selftestInterrupted = "selftest.interrupted"
        /// A resident is at the kiosk: the screen self-test waits for maintenance.
        case selftestResidentServed = "selftest.resident_served"
        /// The resident screen did not answer the self-test.
        case selftestScreenSilent = "selftest.screen_silent"
        case selftestSecondsInvalid = "selftest.seconds_invalid"
        case selftestTimeoutInvalid = "selftest.timeout_invalid"

        // MARK: The backend client
        /// No connection could be made (DNS, refused, network down).
        case backendUnreachable = "backend.unreachable"
        /// The TLS handshake failed: certificate not trusted, expired, wrong host, or our certificate refused.
        case backendTLS = "backend.tls"
        case backendTimeout = "backend.timeout"
        /// A 4xx answer; the backend's own problem code is in the message and `BackendProblem`.
        case backendRejected = "backend.rejected"
        case backendServerError = "backend.server_error"
        /// The answer did not match the contract (status, content type or body).
        case backendMalformed = "backend.malformed"
        case backendOversized = "backend.oversized"
        /// The client's TLS material (CA, certificate, key) cannot be loaded.
        case backendCredentials = "backend.credentials"

        // MARK: The sandbox backend
        case residentsInvalid = "sandbox.residents_invalid"
        case fleetInvalid = "sandbox.fleet_invalid"
        case sandboxStoreFailed = "sandbox.store_failed"
    }
}

extension KioskError.Code {
    public var description: String { rawValue }

    /// The refusals that mean "not at this kiosk, not now": shown with the backend's text, no payment.
    public static let enrollmentRefusals: Set<Self> = [
        .enrollmentNotEligible, .enrollmentWindowNotOpen, .enrollmentWindowClosed,
        .enrollmentWindowClosedPayElsewhere, .enrollmentAlreadyPaid, .enrollmentNothingToPay,
    ]
}
