/// Metadata keys of kioskd's structured logs. Values never carry personal data.
public enum LogKey {
    public static let errno = "errno"
    public static let configPath = "config_path"
    public static let configVersion = "config_version"
    public static let problemCount = "problems"
    public static let socket = "socket"
    public static let mode = "mode"
    public static let version = "version"
    public static let signal = "signal"
    public static let backendURL = "backend_url"
    public static let sandboxToday = "sandbox_today"
    public static let action = "action"
    public static let uiAddress = "ui_address"
    public static let reason = "reason"
    /// Resident screen (page) connections open now.
    public static let screenConnections = "screen_connections"
    public static let errorCode = "error_code"
    public static let configSource = "config_source"
    public static let configReloads = "config_reloads"
    public static let previousConfigVersion = "previous_config_version"
}
