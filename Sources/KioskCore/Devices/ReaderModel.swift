/// A card reader model of the device database (`Devices/readers/*.toml`).
public struct ReaderModel: Sendable, Equatable {
    public var id: String
    public var name: String
    public var roles: [DeviceRole]
    /// PC/SC reader-name patterns (`*`, `?`) that identify this model.
    public var namePatterns: [String]
    /// How it reads social security cards (`[ssc]`); nil unless its roles include ssc.
    public var ssc: SSCReadProfile?
    /// How it tunnels GA 467 to the ID-card SAM (`[idcard]`); nil unless its roles include idcard.
    public var idcard: IDCardTunnelProfile?
    /// A reader whose "cards" come from software (`virtual = true`, vsmartcard's vpcd: any process
    /// that reaches its TCP port presents any card it likes). `auto` never takes it; a kiosk uses it
    /// only when kiosk.conf names it in `ssc_reader` / `idcard_reader`.
    public var isVirtual: Bool
    /// For a reader kioskd drives itself rather than through pcscd, how kiosk.conf would name it:
    /// `library:…` (SSC), `serial:…` or `sdtapi:…` (ID card). kiosk.conf's `model:<file name>` then
    /// takes it from here.
    public var driver: String?

    public init(
        id: String, name: String, roles: [DeviceRole], namePatterns: [String], ssc: SSCReadProfile? = nil,
        idcard: IDCardTunnelProfile? = nil, isVirtual: Bool = false, driver: String? = nil
    ) {
        self.driver = driver
        self.id = id
        self.name = name
        self.roles = roles
        self.namePatterns = namePatterns
        self.ssc = ssc
        self.idcard = idcard
        self.isVirtual = isVirtual
    }
}
