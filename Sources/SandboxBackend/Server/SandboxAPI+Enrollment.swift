import ContributionPolicy
import Foundation
import KioskBackendAPI
import KioskCore

extension SandboxAPI {
    public func getEnrollment(_ input: Operations.GetEnrollment.Input) async throws -> Operations.GetEnrollment.Output {
        guard let resident = backend.registry.resident(reference: input.path.personRef) else {
            return .notFound(.init(body: .applicationProblemJson(SandboxProblem.personNotFound().body)))
        }
        switch try backend.enrollment(of: resident, year: input.path.year) {
        case .success(let enrollment): return .ok(.init(body: .json(enrollment)))
        case .failure(let problem) where problem.status == 404: return .notFound(.init(body: .applicationProblemJson(problem.body)))
        case .failure(let problem): return .unprocessableContent(.init(body: .applicationProblemJson(problem.body)))
        }
    }
}

extension SandboxBackend {
    func policy(for resident: Resident, year: Int) -> Result<RegionPolicy, SandboxProblem> {
        guard let policy = policies.policy(region: resident.hukouRegion, year: year) else {
            return .failure(SandboxProblem(404, "enrollment.not_found", "no policy for region \(resident.hukouRegion), year \(year)",
                                           zh: "暂未查询到您\(year)年度的参保缴费标准，请到社区（村）劳动保障服务站咨询"))
        }
        return .success(policy)
    }

    /// The quote on `date`, with the policy's refusal turned into the contract's problem.
    func quote(_ resident: Resident, year: Int, on date: CalendarDate) -> Result<EnrollmentQuote, SandboxProblem> {
        policy(for: resident, year: year).flatMap { policy in
            do throws(PolicyRefusal) {
                return .success(try PolicyEngine.quote(policy, for: resident.subject, on: date))
            } catch {
                return .failure(SandboxProblem(422, Self.problemCode(error.code), "not payable now", detail: error.source, zh: error.message))
            }
        }
    }

    static func problemCode(_ code: PolicyRefusal.Code) -> String {
        switch code {
        case .notEligible: "enrollment.not_eligible"
        case .windowNotOpen: "enrollment.window_not_open"
        case .windowClosedPayElsewhere: "enrollment.window_closed_pay_elsewhere"
        case .windowClosed: "enrollment.window_closed"
        }
    }

    func enrollment(of resident: Resident, year: Int) throws -> Result<Components.Schemas.Enrollment, SandboxProblem> {
        // Someone who paid sees the price of the day they paid, even after the window closed.
        let (paid, open) = try store.queue.read { db in
            (try PaymentRecord.succeeded(db, personRef: resident.personRef, year: year), try PaymentRecord.open(db, personRef: resident.personRef, year: year))
        }
        let date = paid.flatMap { CalendarDate(iso: $0.businessDate) } ?? settings.currentDate()
        return quote(resident, year: year, on: date).map { quote in
            let status: Components.Schemas.Enrollment.StatusPayload =
                paid != nil ? .paid : open != nil ? .paymentInProgress : quote.tiers.allSatisfy({ $0.due == .zero }) ? .exempt : .payable
            return Self.enrollment(quote, personRef: resident.personRef, status: status, paidPaymentId: paid?.id, openPaymentId: paid == nil ? open?.id : nil)
        }
    }

    static func enrollment(
        _ quote: EnrollmentQuote, personRef: String, status: Components.Schemas.Enrollment.StatusPayload, paidPaymentId: String?,
        openPaymentId: String? = nil
    ) -> Components.Schemas.Enrollment {
        .init(
            personRef: personRef, year: quote.year, region: quote.region, policyTitle: quote.policyTitle,
            status: status, paidPaymentId: paidPaymentId, openPaymentId: openPaymentId,
            category: .init(id: quote.category.id, label: quote.category.label),
            tiers: quote.tiers.map { tier in
                .init(
                    id: tier.id, label: tier.label, amountFen: tier.amount.fen,
                    components: tier.components.map { .init(label: $0.label, amountFen: $0.amount.fen, included: $0.included) },
                    reliefFen: tier.relief.fen, surchargeFen: tier.surcharge.fen, dueFen: tier.due.fen
                )
            },
            defaultTier: quote.defaultTier,
            relief: quote.relief.map { relief in
                .init(kind: relief.kind.contractKind, group: relief.groupCode, label: relief.label, description: relief.amountDescription)
            },
            window: .init(phase: quote.window.phase.contractPhase, opens: quote.window.opens?.description, closes: quote.window.closes?.description),
            notes: quote.notes
        )
    }
}
