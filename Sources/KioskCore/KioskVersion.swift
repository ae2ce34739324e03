public enum KioskVersion {
    /// Bumped with each release; reported by `kioskctl status` and the fleet state report.
    public static let current = "0.1.0"
}
