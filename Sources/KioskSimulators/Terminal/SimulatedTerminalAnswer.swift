import KioskCore

/// What the simulated terminal does with one request: what its HTTP layer sends back.
public enum SimulatedTerminalAnswer: Sendable, Equatable {
    /// A `SaleToPOIResponse` (HTTP 200 with the JSON of the response).
    case response(NexoResponse)
    /// HTTP 200 with an empty body: the answer to an AbortRequest.
    case empty
    /// The connection is closed without an answer: the answer is lost (the terminal may still have
    /// done the work; TransactionStatus tells).
    case dropped
    /// Never answers: the HTTP layer keeps the request open until the client gives up.
    case hang

    /// The response, when there is one.
    public var response: NexoResponse? {
        if case .response(let response) = self { response } else { nil }
    }
}
