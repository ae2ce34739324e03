extension Int {
    /// "1 character", "7 characters": a count and its noun, for messages.
    func counted(_ noun: String) -> String { self == 1 ? "1 \(noun)" : "\(self) \(noun)s" }
}
