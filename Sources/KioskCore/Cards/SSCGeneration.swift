/// The card generation, from 规范版本 ("1.00", "2.00", "3.00"): it decides the EF06 record list.
enum SSCGeneration {
    static func of(specVersion: String) throws(KioskError) -> Int {
        guard let first = specVersion.first, let generation = first.wholeNumberValue, first.isASCII, (1...3).contains(generation) else {
            throw KioskError(.cardNotSupported, "\(SSCField.specVersion) is \"\(specVersion)\"; generations 1, 2 and 3 are read")
        }
        return generation
    }
}
