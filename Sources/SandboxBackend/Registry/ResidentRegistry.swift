import Crypto
import Foundation
import KioskCore
import TOMLKit

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

    public static func parse(_ text: String, source: String) throws(KioskError) -> ResidentRegistry {
        let file: ResidentFile
        do {
            file = try TOMLDecoder().decode(ResidentFile.self, from: text)
        } catch {
            throw KioskError(.residentsInvalid, "\(source): \(error)")
        }
        var problems: [String] = []
        var residents: [Resident] = []
        var seen: Set<String> = []
        for (index, entry) in file.resident.enumerated() {
            let place = "\(source): resident[\(index)]"
            let idNumber: IDNumber
            do {
                idNumber = try IDNumber(entry.id_number)
            } catch {
                problems.append("\(place).id_number: \(error.message)")
                continue
            }
            if !seen.insert(idNumber.value).inserted { problems.append("\(place).id_number: \(idNumber.masked) appears twice") }
            if entry.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(place).name: empty") }
            if let problem = RegionCode.problem(entry.hukou_region) { problems.append("\(place).hukou_region: \(problem)") }
            if let token = entry.essc_token, token.count < 8 { problems.append("\(place).essc_token: shorter than 8 characters") }
            var relations: [Resident.Relation] = []
            for (relationIndex, relation) in (entry.pays_for ?? []).enumerated() {
                do {
                    relations.append(.init(idNumber: try IDNumber(relation.id_number), relation: relation.relation))
                } catch {
                    problems.append("\(place).pays_for[\(relationIndex)].id_number: \(error.message)")
                }
            }
            residents.append(Resident(
                personRef: personReference(for: idNumber), idNumber: idNumber, name: entry.name,
                hukouRegion: entry.hukou_region, isCollegeStudent: entry.college_student ?? false,
                isInSchool: entry.in_school ?? false, groups: Set(entry.groups ?? []), paidYears: Set(entry.paid_years ?? []),
                sscCardNumber: entry.ssc_card_number, esscToken: entry.essc_token, paysFor: relations
            ))
        }
        let known = Set(residents.map(\.idNumber.value))
        for resident in residents {
            for relation in resident.paysFor where !known.contains(relation.idNumber.value) {
                problems.append("\(source): \(resident.idNumber.masked) pays_for \(relation.idNumber.masked), who is not in the file")
            }
        }
        guard problems.isEmpty else {
            throw KioskError(.residentsInvalid, problems.joined(separator: "\n"))
        }
        return ResidentRegistry(residents: residents)
    }
}
