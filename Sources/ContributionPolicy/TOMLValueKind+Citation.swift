import KioskConfig

extension TOMLValueKind where Value == String {
    /// A citation of a seed notice: "000_b5fc021d980b42dd.txt:20" or "…txt:22-23".
    static var citation: Self {
        let string = TOMLValueKind.string
        return .init(expected: "a citation \"NNN_<16 hex>.txt:LINE\"") { node in
            guard case .value(let text) = string.read(node) else { return .wrongType }
            return SeedCitation.isValid(text) ? .value(text) : .invalid("\"\(text)\" is not a citation like \"000_b5fc021d980b42dd.txt:20\" or \"…txt:22-23\"")
        }
    }
}
