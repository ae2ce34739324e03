import KioskCore

/// What both kinds of card say about their holder.
struct HolderBasics {
    var name: String?
    var idNumber: String?
    var gender: VirtualCardFile.Gender?
    var birthDate: CalendarDate?
}

extension CardFileReader {
    /// `[holder]` name, id_number, gender and birth_date, checked; the name's length is the card's business.
    func holderBasics() -> HolderBasics {
        var basics = HolderBasics()
        if let name = string("holder", "name") {
            if let problem = CardFileChecks.text(name) { report("holder.name", problem) } else { basics.name = name }
        }
        if let idNumber = string("holder", "id_number") {
            if let problem = CardFileChecks.idNumber(idNumber) { report("holder.id_number", problem) } else { basics.idNumber = idNumber }
        }
        if let gender = string("holder", "gender") {
            basics.gender = CardFileChecks.gender(gender)
            if basics.gender == nil { report("holder.gender", "is not \"male\" or \"female\"") }
        }
        basics.birthDate = date("holder", "birth_date", personal: true)
        return basics
    }
}
