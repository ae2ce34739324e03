import Foundation
import KioskConfig
import KioskCore
import KioskSession
import KioskTesting
import Testing

@Suite("AtomicFile: kiosk.conf replaced whole or not at all")
struct AtomicFileTests {
    @Test("the new content replaces the old with the mode asked for; nothing is left beside it")
    func replaces() throws {
        let work = try TemporaryDirectory(prefix: "atomic")
        defer { work.remove() }
        let path = try work.write("kiosk.conf", "old\n")
        var seenBeforeRename = ""
        try AtomicFile.write(Data("new\n".utf8), to: path, mode: 0o640) {
            seenBeforeRename = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        #expect(seenBeforeRename == "old\n", "until the rename the old file is what readers see")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["kiosk.conf"])
    }

    @Test("leftovers of an interrupted write are found and removed; other files stay")
    func leftovers() throws {
        let work = try TemporaryDirectory(prefix: "atomic")
        defer { work.remove() }
        let path = try work.write("kiosk.conf", "old\n")
        _ = try work.write(".kiosk.conf.tmp-4242", "half")
        _ = try work.write("other.conf", "x")
        #expect(AtomicFile.removeLeftovers(beside: path) == [".kiosk.conf.tmp-4242"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["kiosk.conf", "other.conf"])
    }

    @Test("a folder that cannot be written is named before anything is tried")
    func unwritable() throws {
        let problem = try #require(AtomicFile.replaceProblem("/nonexistent-kioskd-folder/kiosk.conf"))
        #expect(problem.contains("/nonexistent-kioskd-folder") && problem.contains("kiosk.conf"), "\(problem)")
        let work = try TemporaryDirectory(prefix: "atomic")
        defer { work.remove() }
        #expect(AtomicFile.replaceProblem(work.file("kiosk.conf")) == nil)
        #expect(throws: KioskError.self) { try AtomicFile.write(Data(), to: "/nonexistent-kioskd-folder/kiosk.conf") }
    }
}
