import Foundation

/// ippeveprinter's /media web form: one size, type and level select per tray (`size1`, `type1`,
/// `level1`, …). Submitting it replaces every tray, so the sizes and types go back as they were.
struct MediaForm {
    /// Select name → its selected value (nil when none is selected).
    private(set) var fields: [(name: String, selected: String?)] = []

    init(html: String) {
        for part in html.components(separatedBy: "<select name=\"").dropFirst() {
            guard let nameEnd = part.firstIndex(of: "\"") else { continue }
            let name = String(part[..<nameEnd])
            let block = part.components(separatedBy: "</select>").first ?? ""
            fields.append((name, Self.selectedValue(in: block)))
        }
    }

    var levelFields: [String] { fields.map(\.name).filter { $0.hasPrefix("level") } }

    func query(level: Int) -> String {
        fields.compactMap { field -> String? in
            if field.name.hasPrefix("level") { return "\(field.name)=\(level)" }
            return field.selected.map { "\(field.name)=\($0)" }
        }.joined(separator: "&")
    }

    /// `<option selected>VALUE</option>` or `<option value="VALUE" selected>text</option>`.
    private static func selectedValue(in block: String) -> String? {
        guard let marker = block.range(of: " selected>") else { return nil }
        guard let tagStart = block[..<marker.lowerBound].range(of: "<option", options: .backwards) else { return nil }
        let tag = block[tagStart.upperBound..<marker.lowerBound]
        if let valueStart = tag.range(of: "value=\"") {
            return String(tag[valueStart.upperBound...].prefix { $0 != "\"" })
        }
        return String(block[marker.upperBound...].prefix { $0 != "<" })
    }
}
