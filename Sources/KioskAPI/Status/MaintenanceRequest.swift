import Foundation
import KioskCore

/// The body of `POST /v1/maintenance`: `{"on": true, "reason": "更换打印纸"}` or `{"on": false}`.
public struct MaintenanceRequest: Codable, Sendable, Equatable {
    public static let reasonLimit = 200

    public var on: Bool
    public var reason: String?

    public init(on: Bool, reason: String? = nil) {
        self.on = on
        self.reason = reason
    }

    /// The reason as it is kept (surrounding spaces removed), or what is wrong with it.
    /// Turning maintenance off needs no reason.
    public func validatedReason() -> Result<String?, ReasonProblem> {
        guard on else { return .success(nil) }
        guard let reason else {
            return .failure(ReasonProblem("reason: required to turn maintenance on (1–\(Self.reasonLimit) characters, e.g. \"更换打印纸\")"))
        }
        let trimmed = reason.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            return .failure(ReasonProblem("reason: empty; say what is being done (1–\(Self.reasonLimit) characters, e.g. \"更换打印纸\")"))
        }
        if trimmed.count > Self.reasonLimit {
            return .failure(ReasonProblem("reason: \(trimmed.count) characters; at most \(Self.reasonLimit)"))
        }
        if let control = trimmed.unicodeScalars.first(where: Self.isControl) {
            return .failure(ReasonProblem("reason: contains the control character \(Self.codePoint(control)); use one line of plain text"))
        }
        return .success(trimmed)
    }

    /// Control characters, and line and paragraph separators: a reason is one line in `kioskctl status`.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    public struct ReasonProblem: Error, Sendable, Equatable {
        public let message: String
        init(_ message: String) { self.message = message }
    }
}
