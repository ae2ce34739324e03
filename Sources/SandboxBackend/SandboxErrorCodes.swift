import KioskCore

extension KioskError.Code {
    public static let residentsInvalid = Self("sandbox.residents_invalid")
    public static let fleetInvalid = Self("sandbox.fleet_invalid")
    public static let sandboxStoreFailed = Self("sandbox.store_failed")
}
