/// The residents file as written (TOML), before validation.
struct ResidentFile: Decodable {
    var resident: [Entry]

    struct Entry: Decodable {
        var id_number: String
        var name: String
        var hukou_region: String
        var college_student: Bool?
        var in_school: Bool?
        var groups: [String]?
        var paid_years: [Int]?
        var ssc_card_number: String?
        var essc_token: String?
        var pays_for: [RelationEntry]?
    }

    struct RelationEntry: Decodable {
        var id_number: String
        var relation: String
    }
}
