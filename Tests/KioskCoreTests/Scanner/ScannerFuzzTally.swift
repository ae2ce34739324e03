import KioskCore

/// Outcomes of a scanner fuzz run; refusal reasons are searched for the codes as they come.
struct ScannerFuzzTally: CustomStringConvertible {
    /// Every 8-character piece of the codes fed: no refusal reason may contain one.
    let secretPieces: Set<String>
    static let pieceLength = 8
    var executions = 0
    var scans = 0
    var discarded = 0
    var intactStreams = 0
    var intactDecodedExactly = 0
    var leaks = 0
    var badScans = 0
    /// Keyboard runs check that `pendingDeadline` never lies in the past after `expire(at:)`.
    var checksDeadlines = false
    var lateDeadlines = 0
    /// Reasons with their numbers blanked, to count the kinds of refusal.
    private(set) var reasonKinds: [String: Int] = [:]
    /// Each reason already searched, with its kind.
    private var checked: [String: String] = [:]

    init(codes: [String]) {
        var pieces: Set<String> = []
        for code in codes {
            pieces.formUnion(Self.pieces(of: code))
        }
        secretPieces = pieces
    }

    mutating func record(_ result: ScanDecodeResult) {
        switch result {
        case .pending:
            break
        case .scan(let scan):
            scans += 1
            if scan.text.isEmpty || scan.text.count > DecodedScan.maximumLength || scan.text.utf8.count > DecodedScan.maximumLength { badScans += 1 }
        case .discarded(let reason):
            discarded += 1
            if let kind = checked[reason] {
                reasonKinds[kind, default: 0] += 1
                return
            }
            let kind = String(reason.map { $0.isASCIIDigit ? "#" : $0 })
            checked[reason] = kind
            reasonKinds[kind, default: 0] += 1
            if reason.isEmpty || !secretPieces.isDisjoint(with: Self.pieces(of: reason)) { leaks += 1 }
        }
    }

    static func pieces(of text: String) -> [String] {
        let characters = Array(text)
        guard characters.count >= pieceLength else { return [text] }
        return (0...(characters.count - pieceLength)).map { String(characters[$0..<$0 + pieceLength]) }
    }

    mutating func recordIntact(_ results: [ScanDecodeResult], expected: [ScanDecodeResult]) {
        intactStreams += 1
        if results == expected { intactDecodedExactly += 1 }
    }

    var description: String {
        "\(executions) executions, 0 crashes, \(scans) scans, \(discarded) discarded (\(reasonKinds.count) kinds of reason), "
            + "\(intactDecodedExactly)/\(intactStreams) intact streams decoded exactly, \(leaks) reasons with code content, "
            + "\(badScans) empty or overlong scans" + (checksDeadlines ? ", \(lateDeadlines) deadlines in the past" : "")
    }
}
