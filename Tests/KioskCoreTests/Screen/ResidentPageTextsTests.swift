import Foundation
import KioskCore
import KioskTesting
import Testing

/// Every word of the resident's page lives in `ResidentPageTexts` and comes with the screen: the
/// page's scripts place texts by key and hold none of their own.
@Suite("resident page texts: one catalogue, sent with the screen")
struct ResidentPageTextsTests {
    static let ui = RepositoryPaths.root + "/Sources/KioskServer/UI/"
    /// What the resident sees. Left out: pinyin-table.js (characters to choose from, not wording),
    /// service.js (the technician's menu) and demo.* (the demo's control panel).
    static let residentFiles = ["index.html", "kiosk.js", "screens.js", "keypad.js", "pinyin-keyboard.js", "speech.js"]

    static func source(_ file: String) throws -> String {
        try String(contentsOfFile: ui + file, encoding: .utf8)
    }

    static func literals(in text: Substring) -> [String] {
        text.matches(of: /"((?:[^"\\]|\\.)*)"/).map { String($0.output.1) }
    }

    /// Keys a script asks for by name: `t(s, …)` in screens.js, `text(…)` in kiosk.js, and the
    /// keypad's and pinyin keyboard's own keys, which screens.js prefixes with `keypad.` / `pinyin.`.
    static func keysAskedFor() throws -> Set<String> {
        var keys = Set<String>()
        for call in try source("screens.js").matches(of: /[^\w.]t\(s, ([^()]*)\)/) {
            // `"owed." + kind`, `m + ".title"`: the pieces of a key put together are checked the other way round.
            keys.formUnion(literals(in: call.output.1).filter { !$0.hasSuffix(".") && !$0.hasPrefix(".") })
        }
        for call in try source("kiosk.js").matches(of: /[^\w.]text\(([^()]*)\)/) {
            keys.formUnion(literals(in: call.output.1))
        }
        for call in try source("pinyin-keyboard.js").matches(of: /this\.text\("([\w.]+)"/) {
            keys.insert("pinyin." + call.output.1)
        }
        let keypad = try source("keypad.js")
        for call in keypad.matches(of: /text\("([\w.]+)"\)|hint: "([\w.]+)"|return "([a-zA-Z]+)";/) {
            if let key = call.output.1 ?? call.output.2 ?? call.output.3 { keys.insert("keypad." + key) }
        }
        return keys
    }

    static var catalogue: [SessionState.Kind: [String: String]] {
        Dictionary(uniqueKeysWithValues: SessionState.Kind.allCases.map { ($0, ResidentPageTexts.texts(for: $0)) })
    }

    @Test("the page's scripts and HTML hold no Chinese words (but the document's title, which names the kiosk window)")
    func scriptsHoldNoWords() throws {
        for file in Self.residentFiles {
            let lines = try Self.source(file).split(separator: "\n", omittingEmptySubsequences: false)
            // The window's title must not change while the page runs (kiosk-browser's lockdown test tells
            // the kiosk window by it), so it is the one word fixed in index.html; no resident sees it in kiosk mode.
            let words = lines.enumerated().filter { !(file == "index.html" && $0.element.hasPrefix("<title>")) }
            for (number, line) in words where line.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
                Issue.record("\(file):\(number + 1) holds wording of its own: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test("every text the page asks for by name is in the catalogue")
    func askedForTextsExist() throws {
        let known = Set(Self.catalogue.values.flatMap(\.keys))
        let asked = try Self.keysAskedFor()
        #expect(asked.count > 100, "the scan found \(asked.count) keys: the page's way of asking changed?")
        for key in asked.sorted() where !known.contains(key) {
            Issue.record("the page asks for \"\(key)\", which no screen carries")
        }
    }

    @Test("every text in the catalogue is used by the page")
    func noUnusedTexts() throws {
        let literals = try Set(Self.residentFiles.flatMap { try Self.literals(in: Self.source($0)[...]) })
        func used(_ key: String) -> Bool {
            if literals.contains(key) { return true }
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return false }
            // keypad.* / pinyin.* are asked for without their prefix; "owed." + kind and method + ".title" in two pieces.
            if ["keypad", "pinyin"].contains(parts[0]) { return literals.contains(parts[1]) }
            return (literals.contains(parts[0] + ".") && literals.contains(parts[1])) || (literals.contains(parts[0]) && literals.contains("." + parts[1]))
        }
        for key in Set(Self.catalogue.values.flatMap(\.keys)).sorted() where !used(key) && key != "nextStep" {
            Issue.record("\"\(key)\" is in ResidentPageTexts but the page never asks for it")
        }
    }

    @Test("each screen carries its own title and the frame's texts; a screen's own text wins over the shared one")
    func screensCarryTheirTexts() {
        for (kind, texts) in Self.catalogue {
            for key in ["title", "voice", "voice.on", "voice.off", "exit", "connecting", "outOfService.local"] {
                #expect(texts[key]?.isEmpty == false, "\(kind) carries no \(key)")
            }
        }
        #expect(ResidentPageTexts.texts(for: .attract)["title"] == "城乡居民医保缴费")
        #expect(ResidentPageTexts.texts(for: .showingEnrollment)["title"] == "核对缴费信息")
        #expect(ResidentPageTexts.texts(for: .typingIdentity)["keypad.remaining"] == "还需输入 {n} 位")
        #expect(ResidentPageTexts.texts(for: .stopped) == ResidentPageTexts.texts(for: .outOfService))
    }

    @Test("the screen sent to the page holds its kind's texts")
    func screenHoldsTexts() throws {
        let screen = ResidentScreenTests.screen(StateCatalog.machine(in: .choosingMethod))
        #expect(screen.texts == ResidentPageTexts.texts(for: .choosingMethod))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(screen)) as? [String: Any]
        #expect((json?["texts"] as? [String: String])?["paycode.title"] == "出示付款码")
    }
}
