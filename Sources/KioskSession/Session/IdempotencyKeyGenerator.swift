import Foundation

/// Makes the idempotency keys of payment intents: unique, 8–128 characters of [A-Za-z0-9_-].
public enum IdempotencyKeyGenerator {
    public static let random: @Sendable () -> String = {
        "kiosk-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
