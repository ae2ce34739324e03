/// Why a nexo message could not be read or written: a message for the log and the support desk,
/// e.g. "the terminal's PaymentResponse has no Response.Result". It names fields and amounts,
/// never a card number, a cardholder or the content of `AdditionalResponse`.
public struct NexoMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
