import Foundation
import KioskCore
import TOMLKit

extension KioskError.Code {
    public static let policyInvalid = Self("policy.invalid")
}

/// Every region-year policy of a folder of policy files.
public struct PolicyBook: Sendable {
    public let policies: [RegionPolicy]

    public init(policies: [RegionPolicy]) {
        self.policies = policies
    }

    public func policy(region: String, year: Int) -> RegionPolicy? {
        policies.first { $0.region == region && $0.year == year }
    }

    public static func load(directory: String) throws(KioskError) -> PolicyBook {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }.sorted()
        } catch {
            throw KioskError(.policyInvalid, "\(directory): cannot list the policy folder")
        }
        guard !names.isEmpty else { throw KioskError(.policyInvalid, "\(directory): no policy files (*.toml)") }
        var policies: [RegionPolicy] = []
        var problems: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append("\(path): cannot read")
                continue
            }
            do {
                policies.append(try parse(text, source: path))
            } catch {
                problems.append(error.message)
            }
        }
        var seen: Set<String> = []
        for policy in policies where !seen.insert("\(policy.region)/\(policy.year)").inserted {
            problems.append("two policy files for region \(policy.region), year \(policy.year)")
        }
        guard problems.isEmpty else { throw KioskError(.policyInvalid, problems.joined(separator: "\n")) }
        return PolicyBook(policies: policies)
    }

    /// Parses and validates one policy file; every problem is named with its place in the file.
    public static func parse(_ text: String, source: String) throws(KioskError) -> RegionPolicy {
        let file: PolicyFile
        do {
            file = try TOMLDecoder().decode(PolicyFile.self, from: text)
        } catch {
            throw KioskError(.policyInvalid, "\(source): \(error)")
        }
        var validator = PolicyValidator(source: source)
        let policy = validator.validate(file)
        guard validator.problems.isEmpty, let policy else {
            throw KioskError(.policyInvalid, validator.problems.joined(separator: "\n"))
        }
        return policy
    }
}
