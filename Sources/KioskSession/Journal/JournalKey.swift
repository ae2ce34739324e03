/// How idempotency keys appear in logs and error messages: a short prefix, enough to find the entry.
public enum JournalKey {
    public static func short(_ key: String) -> String {
        key.count <= 8 ? key : key.prefix(8) + "…"
    }
}
