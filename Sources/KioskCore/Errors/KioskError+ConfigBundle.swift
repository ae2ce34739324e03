extension KioskError.Code {
    /// Not a bundle: bad JSON, wrong format, payload not base64, manifest missing fields.
    public static let bundleMalformed = Self("bundle.malformed")
    /// Signed by a key not in `[updates] trusted_keys`.
    public static let bundleUnknownKey = Self("bundle.unknown_key")
    /// The signature does not match the bytes: tampered with, or the key_id swapped.
    public static let bundleBadSignature = Self("bundle.bad_signature")
    public static let bundleExpired = Self("bundle.expired")
    public static let bundleWrongTarget = Self("bundle.wrong_target")
    /// Not above the highest version taken: a replay of an old bundle.
    public static let bundleOldVersion = Self("bundle.old_version")
    /// The configuration inside fails validation, or names another kiosk or version.
    public static let bundleInvalidConfiguration = Self("bundle.invalid_configuration")
    /// It changes settings that only a restart of kioskd takes (sockets, journal, card readers…).
    public static let bundleNeedsRestart = Self("bundle.needs_restart")
    /// It changes a trust anchor (backend URL or TLS files, trusted keys): only root's kiosk.conf may.
    public static let bundleChangesTrustAnchor = Self("bundle.changes_trust_anchor")
    /// Expires further ahead than a bundle may live (`BundleVerifier.maximumLifetime`).
    public static let bundleLifetimeTooLong = Self("bundle.lifetime_too_long")
    /// Writing the new kiosk.conf (or keeping the previous one) failed; the running configuration stays.
    public static let configWriteFailed = Self("config.write_failed")
    /// There is no earlier applied version to go back to.
    public static let configNoPrevious = Self("config.no_previous")
}
