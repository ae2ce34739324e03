extension IDNumber {
    /// "3206**********123X": the first four and last four characters, ten stars between.
    public var masked: String { value.prefix(4) + String(repeating: "*", count: 10) + value.suffix(4) }

    /// The masked form, so string interpolation in logs never shows the full number.
    public var description: String { masked }
}
