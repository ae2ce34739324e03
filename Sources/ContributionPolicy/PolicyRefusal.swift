/// Why a person cannot pay at the kiosk now, in plain Chinese for the resident.
public struct PolicyRefusal: Error, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        /// No category takes the person, their category pays elsewhere (e.g. through the school),
        /// or they must register before paying.
        case notEligible
        case windowNotOpen
        /// Payable, but not at the kiosk (e.g. at the village committee from January 1).
        case windowClosedPayElsewhere
        case windowClosed
    }

    public let code: Code
    public let message: String
    public let source: String

    public init(code: Code, message: String, source: String) {
        self.code = code
        self.message = message
        self.source = source
    }
}
