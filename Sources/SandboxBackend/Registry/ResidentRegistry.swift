import Crypto
import Foundation
import KioskConfig
import KioskCore

/// The sandbox's residents, loaded from a TOML file and looked up by ID number, person reference or e-SSC token.
public struct ResidentRegistry: Sendable {
    public let residents: [Resident]
    private let byIDNumber: [String: Resident]
    private let byReference: [String: Resident]
    private let byToken: [String: Resident]

    public init(residents: [Resident]) {
        self.residents = residents
        byIDNumber = Dictionary(residents.map { ($0.idNumber.value, $0) }, uniquingKeysWith: { first, _ in first })
        byReference = Dictionary(residents.map { ($0.personRef, $0) }, uniquingKeysWith: { first, _ in first })
        byToken = Dictionary(residents.compactMap { resident in resident.esscToken.map { ($0, resident) } }, uniquingKeysWith: { first, _ in first })
    }

    public func resident(idNumber: IDNumber) -> Resident? { byIDNumber[idNumber.value] }
    public func resident(reference: String) -> Resident? { byReference[reference] }
    public func resident(esscToken: String) -> Resident? { byToken[esscToken] }

    /// An opaque, stable reference: the registry never hands out ID numbers.
    public static func personReference(for idNumber: IDNumber) -> String {
        let digest = SHA256.hash(data: Data("kioskd-sandbox-person:\(idNumber.value)".utf8))
        return "psn_" + digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    public static func load(path: String) throws(KioskError) -> ResidentRegistry {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KioskError(.residentsInvalid, "\(path): cannot read the residents file: \(error.localizedDescription)")
        }
        return try parse(text, source: path)
    }

    /// Reads the residents file with the kiosk's TOML reader: every problem with its line and key,
    /// unknown keys refused. Problems never repeat an ID number (only its masked form).
    public static func parse(_ text: String, source: String) throws(KioskError) -> ResidentRegistry {
        let log = TOMLProblemLog(source: source, text: text)
        guard let root = TOMLTableReader.root(of: text, log: log) else { throw KioskError(.residentsInvalid, log.text) }
        if !root.has("resident") { log.report(TOMLPath(keys: ["resident"]), "is missing; expected [[resident]] tables") }
        var residents: [Resident] = []
        var relations: [(payer: IDNumber, relation: Resident.Relation, path: TOMLPath)] = []
        var seen: Set<String> = []
        for entry in root.tables("resident") {
            let read = readResident(entry)
            entry.rejectUnknownKeys()
            guard let idNumber = read.idNumber else { continue }
            // Counted as in the file even when another of its keys is wrong, so that the problem is reported once.
            if !seen.insert(idNumber.value).inserted { entry.report("id_number", "\(idNumber.masked) appears twice") }
            relations += read.relations.map { (idNumber, $0.relation, $0.path) }
            if let resident = read.resident { residents.append(resident) }
        }
        root.rejectUnknownKeys()
        for (payer, relation, path) in relations where !seen.contains(relation.idNumber.value) {
            log.report(path, "\(payer.masked) pays for \(relation.idNumber.masked), who is not in the file")
        }
        guard log.isEmpty else { throw KioskError(.residentsInvalid, log.text) }
        return ResidentRegistry(residents: residents)
    }

    /// One `[[resident]]`: its ID number when that is valid, the resident when everything is, and
    /// where each of its `pays_for` ID numbers is.
    private static func readResident(_ entry: TOMLTableReader)
        -> (idNumber: IDNumber?, resident: Resident?, relations: [(relation: Resident.Relation, path: TOMLPath)]) {
        let idNumber = entry.required("id_number", .idNumber)
        let name = entry.required("name", TOMLValueKind.string.checked { $0.trimmingWhitespace().isEmpty ? "is empty" : nil })
        let hukouRegion = entry.required("hukou_region", TOMLValueKind.string.checked(RegionCode.problem))
        let collegeStudent = entry.optional("college_student", .flag) ?? false
        let inSchool = entry.optional("in_school", .flag) ?? false
        let groups = entry.optional("groups", .texts) ?? []
        let paidYears = entry.optional("paid_years", .integers) ?? []
        let sscCardNumber = entry.optional("ssc_card_number", TOMLValueKind.string.checked(SSCCardNumber.problem))
        let esscToken = entry.optional("essc_token", TOMLValueKind.string.checked { $0.count < 8 ? "is shorter than 8 characters" : nil })
        var relations: [(relation: Resident.Relation, path: TOMLPath)] = []
        for relation in entry.tables("pays_for") {
            let relationID = relation.required("id_number", .idNumber), kind = relation.required("relation", .text)
            relation.rejectUnknownKeys()
            guard let relationID, let kind else { continue }
            relations.append((.init(idNumber: relationID, relation: kind), relation.path.key("id_number")))
        }
        guard let idNumber, let name, let hukouRegion else { return (idNumber, nil, relations) }
        let resident = Resident(
            personRef: personReference(for: idNumber), idNumber: idNumber, name: name, hukouRegion: hukouRegion,
            isCollegeStudent: collegeStudent, isInSchool: inSchool, groups: Set(groups), paidYears: Set(paidYears),
            sscCardNumber: sscCardNumber, esscToken: esscToken, paysFor: relations.map(\.relation)
        )
        return (idNumber, resident, relations)
    }
}

extension TOMLValueKind where Value == IDNumber {
    /// An 18-character GB 11643 number with its check character; the message never repeats it.
    static var idNumber: Self {
        let string = TOMLValueKind<String>.string
        return .init(expected: "an ID number (18 characters)") { node in
            guard case .value(let text) = string.read(node) else { return .wrongType }
            do throws(KioskError) {
                return .value(try IDNumber(text))
            } catch {
                return .invalid(error.message)
            }
        }
    }
}
