import ArgumentParser
import Foundation
import KioskConfig
import KioskCore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Kiosk configuration: check files, sign bundles, push them, see and roll back what a kiosk runs.",
        discussion: "Operator: keygen once (its public key goes into [updates] trusted_keys), then for each change validate, sign and push (to one kiosk's socket, or --backend for the fleet). Technician: show, history, diff, pull, rollback.",
        subcommands: [Validate.self, ConfigKeygenCommand.self, ConfigPublicKeyCommand.self, ConfigSignCommand.self, ConfigPushCommand.self, ConfigPullCommand.self,
                      ConfigShowCommand.self, ConfigHistoryCommand.self, ConfigDiffCommand.self, ConfigRollbackCommand.self, ConfigTwinCommand.self]
    )

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a kiosk.conf: every problem with its key path and line; non-zero exit when invalid."
        )

        @Argument(help: "The configuration file to check.")
        var file: String

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let result = ValidationResult(file: file)
            if output.json {
                print(try JSONOutput.encode(result))
            } else if result.valid {
                print("\(file): valid")
            } else {
                print(result.problems.count == 1 ? "\(file): 1 problem" : "\(file): \(result.problems.count) problems")
                for problem in result.problems { print("  \(problem.text)") }
            }
            if !result.valid { throw ExitCode(1) }
        }
    }
}

/// The outcome of validating one file, as `--json` prints it.
struct ValidationResult: Encodable {
    struct Problem: Encodable {
        var keyPath: String
        var line: Int?
        var environmentVariable: String?
        var message: String
        var text: String
    }

    var file: String
    var valid: Bool
    var problems: [Problem]

    init(file: String) {
        self.file = file
        do {
            _ = try KioskConfiguration.load(path: file)
            valid = true
            problems = []
        } catch let error as ConfigValidationError {
            valid = false
            problems = error.problems.map {
                Problem(keyPath: $0.keyPath, line: $0.line, environmentVariable: $0.environmentVariable, message: $0.message, text: $0.description)
            }
        } catch {
            valid = false
            problems = [Problem(keyPath: "", line: nil, environmentVariable: nil, message: "\(error)", text: "\(error)")]
        }
    }
}
