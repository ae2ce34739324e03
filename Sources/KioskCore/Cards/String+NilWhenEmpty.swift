extension String {
    /// Blank card fields read as nil.
    var nilWhenEmpty: String? { isEmpty ? nil : self }
}

extension Unicode.Scalar.Properties {
    /// C0 and C1 controls (general category Cc): never part of a name or address on a card.
    var isControlCharacter: Bool { generalCategory == .control }
}
