import Foundation
import KioskConfig
import KioskCore

/// Every region-year policy of a folder of policy files (`<region>-<year>-<name>.toml`).
public struct PolicyBook: Sendable {
    public var policies: [RegionPolicy]

    public init(policies: [RegionPolicy]) {
        self.policies = policies
    }

    public func policy(region: String, year: Int) -> RegionPolicy? {
        policies.first { $0.region == region && $0.year == year }
    }

    /// Reads every `*.toml` of `directory`. Fails with `.policyInvalid` listing every problem of
    /// every file, each as "file:line: key.path: message".
    public static func load(directory: String) throws(KioskError) -> PolicyBook {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }.sorted()
        } catch {
            throw KioskError(.policyInvalid, "\(directory): cannot list the policy folder", cause: error)
        }
        guard !names.isEmpty else { throw KioskError(.policyInvalid, "\(directory): no policy files (*.toml)") }
        var policies: [RegionPolicy] = []
        var problems: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                problems.append("\(path): cannot be read as UTF-8 text")
                continue
            }
            do {
                let policy = try parse(text, fileName: path)
                if !name.hasPrefix("\(policy.region)-\(policy.year)-") {
                    problems.append("\(path): the file name should start with \"\(policy.region)-\(policy.year)-\" (region-year)")
                }
                if let other = policies.first(where: { $0.region == policy.region && $0.year == policy.year }) {
                    problems.append("\(path): region \(policy.region), year \(policy.year) is already defined by \"\(other.title)\"")
                }
                policies.append(policy)
            } catch {
                problems.append(error.message)
            }
        }
        guard problems.isEmpty else { throw KioskError(.policyInvalid, problems.joined(separator: "\n")) }
        return PolicyBook(policies: policies)
    }

    /// Parses and validates the text of one policy file; `fileName` prefixes every problem.
    public static func parse(_ text: String, fileName: String) throws(KioskError) -> RegionPolicy {
        let log = TOMLProblemLog(source: fileName, text: text)
        let policy = TOMLTableReader.root(of: text, log: log).flatMap(RegionPolicy.read)
        guard log.isEmpty, let policy else {
            throw KioskError(.policyInvalid, log.text)
        }
        return policy
    }
}
