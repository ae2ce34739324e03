import KioskBackendAPI
import KioskCore

extension SandboxAPI {
    public func resolveIdentity(_ input: Operations.ResolveIdentity.Input) async throws -> Operations.ResolveIdentity.Output {
        guard case .json(let claim) = input.body else { return .badRequest(.init(body: .applicationProblemJson(SandboxProblem.invalid("body must be JSON").body))) }
        switch backend.resolve(claim) {
        case .success(let resident):
            return .ok(.init(body: .json(person(resident))))
        case .failure(let problem):
            switch problem.status {
            case 404: return .notFound(.init(body: .applicationProblemJson(problem.body)))
            case 422: return .unprocessableContent(.init(body: .applicationProblemJson(problem.body)))
            default: return .badRequest(.init(body: .applicationProblemJson(problem.body)))
            }
        }
    }

    func person(_ resident: Resident) -> Components.Schemas.Person {
        .init(
            personRef: resident.personRef, maskedName: resident.maskedName, maskedIdNumber: resident.idNumber.masked,
            region: resident.hukouRegion,
            paysFor: resident.paysFor.compactMap { relation in
                backend.registry.resident(idNumber: relation.idNumber).map {
                    .init(personRef: $0.personRef, maskedName: $0.maskedName, relation: relation.relation)
                }
            }
        )
    }
}

extension SandboxBackend {
    func resolve(_ claim: Components.Schemas.IdentityClaim) -> Result<Resident, SandboxProblem> {
        switch claim {
        case .idCard(let card): return resolve(idNumber: card.idNumber, name: card.name)
        case .typed(let typed): return resolve(idNumber: typed.idNumber, name: typed.name)
        case .ssc(let card):
            return resolve(idNumber: card.idNumber, name: card.name).flatMap { resident in
                if let known = resident.sscCardNumber, known != card.cardNumber {
                    return .failure(SandboxProblem(422, "identity.mismatch", "the card number does not belong to this person",
                                                   zh: "社保卡信息与登记信息不一致，请到社保经办窗口核对"))
                }
                return .success(resident)
            }
        case .essc(let code):
            guard let resident = registry.resident(esscToken: code.token) else {
                return .failure(SandboxProblem(404, "identity.token_invalid", "unknown or expired e-SSC token",
                                               zh: "电子社保卡二维码已失效，请刷新后重新扫描"))
            }
            return .success(resident)
        }
    }

    private func resolve(idNumber text: String, name: String) -> Result<Resident, SandboxProblem> {
        let idNumber: IDNumber
        do {
            idNumber = try IDNumber(text)
        } catch {
            return .failure(.invalid(error.message, zh: "身份证号码有误，请核对后重新输入"))
        }
        guard let resident = registry.resident(idNumber: idNumber) else { return .failure(.personNotFound()) }
        guard resident.name == name.trimmingCharacters(in: .whitespaces) else {
            return .failure(SandboxProblem(422, "identity.mismatch", "the name does not match the ID number",
                                           zh: "姓名与身份证号码不一致，请核对后重新输入"))
        }
        return .success(resident)
    }
}
