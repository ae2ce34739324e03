import Synchronization

/// Resumes a continuation once: whichever of the call and the deadline comes first.
final class SingleResume<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value?, Never>?>

    init(_ continuation: CheckedContinuation<Value?, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Value?) -> Bool {
        guard let continuation = continuation.withLock({ slot in defer { slot = nil }; return slot }) else { return false }
        continuation.resume(returning: value)
        return true
    }
}
