import KioskCore

extension IDCardTunnelProfile {
    /// The `[idcard]` table of a reader model (the standard header when it has none); nil for a
    /// model without the idcard role.
    static func load(from profile: DeviceProfileReader, servesIDCard: Bool) -> IDCardTunnelProfile? {
        let section = profile.section("idcard")
        guard servesIDCard else {
            if section != nil { profile.report("idcard", "the model has no idcard role, so an [idcard] table is never used") }
            return nil
        }
        guard let section else { return .standard }
        return IDCardTunnelProfile(header: section.hexBytes("tunnel_header", count: 4...4) ?? IDCardTunnelProfile.standard.header)
    }
}
