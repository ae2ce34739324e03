/// A policy data file as written (TOML), before validation. See Policies/*.toml.
struct PolicyFile: Decodable {
    var region: String
    var year: Int
    var title: String
    var source: String
    var window: WindowEntry
    var category: [CategoryEntry]
    var group: [GroupEntry]?
    var benefits: BenefitsEntry?

    struct WindowEntry: Decodable {
        var opens: String
        var closes: String
        var source: String
        /// "closed", "pay_elsewhere" or "mid_year".
        var after_close: String
        var after_close_message: String?
        var mid_year_until: String?
        var surcharge_from: String?
        var surcharge_fen: Int64?
        var surcharge_label: String?
        var surcharge_source: String?
        var newborn_days: Int?
        var newborn_months: Int?
        var newborn_source: String?
    }

    struct CategoryEntry: Decodable {
        var id: String
        var label: String
        var source: String
        var min_age: Int?
        var max_age: Int?
        var college_student: Bool?
        var in_school: Bool?
        /// When set, people in this category cannot enroll here; the message says where to go.
        var refusal: String?
        var tier: [TierEntry]?
    }

    struct TierEntry: Decodable {
        var id: String
        var label: String
        var component: [ComponentEntry]
    }

    struct ComponentEntry: Decodable {
        var label: String
        var amount_fen: Int64
        var included: Bool
    }

    struct GroupEntry: Decodable {
        var code: String
        var label: String
        /// "exemption", "aid" or "aid_credited_later".
        var kind: String
        var source: String
        var aid_fen: Int64?
        var full_tiers: [String]?
        var valid_from: String?
        var valid_until: String?
        /// Everyone this old is in the group, registered or not.
        var min_age: Int?
    }

    struct BenefitsEntry: Decodable {
        var continuous_years: [Int]
        var pay_by: String
        var waiting_note: String
        var source: String
    }
}
