import KioskConfig
import KioskCore

/// Which PC/SC reader serves which slot, and how to read it: from the configured selectors
/// (`auto` = any model of the devices database with that role) and the models' profiles.
struct PCSCReaderAssignment: Sendable {
    let sscSelector: ReaderSelector
    let idcardSelector: ReaderSelector
    let database: DeviceDatabase

    init(sscReader: ReaderSelector, idcardReader: ReaderSelector, database: DeviceDatabase) {
        sscSelector = sscReader
        idcardSelector = idcardReader
        self.database = database
    }

    /// The slot a reader serves; an explicit pattern wins over `auto`, the SSC slot over the ID slot.
    func kind(ofReader name: String) -> CardKind? {
        if matches(name, sscSelector, role: .sscReader) { return .socialSecurityCard }
        if matches(name, idcardSelector, role: .idcardReader) { return .idCard }
        return nil
    }

    /// The first of `readers` serving `kind`.
    func reader(for kind: CardKind, among readers: [String]) -> String? {
        let (selector, role) = kind == .socialSecurityCard ? (sscSelector, DeviceRole.sscReader) : (idcardSelector, DeviceRole.idcardReader)
        return readers.first { name in
            // A reader both selectors accept serves the SSC slot only.
            matches(name, selector, role: role) && (kind == .socialSecurityCard || !matches(name, sscSelector, role: .sscReader))
        }
    }

    func selector(for kind: CardKind) -> ReaderSelector {
        kind == .socialSecurityCard ? sscSelector : idcardSelector
    }

    /// The model whose name patterns match the reader, for its reading profile.
    func model(ofReader name: String) -> ReaderModel? {
        database.readers.first { model in model.namePatterns.contains { ReaderSelector.matches(name, pattern: $0) } }
    }

    private func matches(_ name: String, _ selector: ReaderSelector, role: DeviceRole) -> Bool {
        switch selector {
        case .simulated, .serial, .sdtapi, .library, .model: false
        case .namePattern(let pattern): ReaderSelector.matches(name, pattern: pattern)
        case .auto: database.readerPatterns(for: role).contains { ReaderSelector.matches(name, pattern: $0) }
        }
    }
}
