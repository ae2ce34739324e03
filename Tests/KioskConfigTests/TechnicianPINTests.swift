import Foundation
import KioskConfig
import KioskCore
import Testing

@Suite("the technician PIN: its salted PBKDF2 hash and the lockout after wrong PINs")
struct TechnicianPINTests {
    @Test("a hash made from a PIN reads back from its stored form and matches that PIN only")
    func roundTrip() throws {
        let made = try TechnicianPINHash(pin: "246810")
        #expect(made.encoded.hasPrefix("pbkdf2-sha256$210000$"))
        let read = try #require(TechnicianPINHash(encoded: made.encoded))
        #expect(read == made)
        #expect(read.matches("246810"))
        #expect(!read.matches("246811"))
        #expect(!read.matches("2468100"))
        #expect(!read.matches(""))
        // A fresh salt every time: the same PIN never gives the same line.
        #expect(try TechnicianPINHash(pin: "246810").encoded != made.encoded)
    }

    @Test("the stored form agrees with PBKDF2-HMAC-SHA256 as Python's hashlib computes it")
    func knownVector() throws {
        let stored = "pbkdf2-sha256$210000$ys3WPgHV7NrUJLBO5uiqxA==$gJo4J3zgMudrplJvkdcRUT9n4SQsQp7AeCjrjBzJd0Q="
        let hash = try #require(TechnicianPINHash(encoded: stored))
        #expect(hash.matches("123456"))
        #expect(!hash.matches("123457"))
    }

    @Test("malformed stored forms are refused with a message; empty means disabled", arguments: [
        "123456", "pbkdf2-sha1$210000$ys3WPgHV7NrUJLBO5uiqxA==$gJo4J3zgMudrplJvkdcRUT9n4SQsQp7AeCjrjBzJd0Q=",
        "pbkdf2-sha256$1000$ys3WPgHV7NrUJLBO5uiqxA==$gJo4J3zgMudrplJvkdcRUT9n4SQsQp7AeCjrjBzJd0Q=",
        "pbkdf2-sha256$210000$not base64$gJo4J3zgMudrplJvkdcRUT9n4SQsQp7AeCjrjBzJd0Q=",
        "pbkdf2-sha256$210000$ys3WPgHV7NrUJLBO5uiqxA==$c2hvcnQ=",
    ])
    func malformed(_ stored: String) {
        #expect(TechnicianPINHash(encoded: stored) == nil)
        #expect(TechnicianPINHash.problem(stored)?.contains("kioskctl pin hash") == true)
        #expect(TechnicianPINHash.problem("") == nil)
    }

    @Test("a PIN is 6 to 8 digits")
    func wellFormed() {
        #expect(TechnicianPINHash.isWellFormed(pin: "123456") && TechnicianPINHash.isWellFormed(pin: "12345678"))
        #expect(!TechnicianPINHash.isWellFormed(pin: "12345") && !TechnicianPINHash.isWellFormed(pin: "123456789"))
        #expect(!TechnicianPINHash.isWellFormed(pin: "12345a") && !TechnicianPINHash.isWellFormed(pin: "١٢٣٤٥٦"))
    }

    @Test("5 wrong PINs lock for 15 minutes, the right PIN included; afterwards the count starts again")
    func lockout() {
        var limiter = PINAttemptLimiter()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for remaining in [4, 3, 2, 1] {
            #expect(limiter.attempt(at: start) { false } == .refused(remaining: remaining))
        }
        let until = start.addingTimeInterval(15 * 60)
        #expect(limiter.attempt(at: start) { false } == .locked(until: until))
        var asked = false
        #expect(limiter.attempt(at: start.addingTimeInterval(14 * 60)) { asked = true; return true } == .locked(until: until))
        #expect(!asked, "a locked kiosk does not even check the PIN")
        #expect(limiter.attempt(at: until) { true } == .accepted)
        #expect(limiter.attempt(at: until) { false } == .refused(remaining: 4))
    }

    @Test("each lockout in a row lasts twice as long (15 min … 4 h) until the right PIN; the record survives encoding; unlock lifts it")
    func backOff() throws {
        var limiter = PINAttemptLimiter()
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var lengths: [TimeInterval] = []
        for _ in 0..<6 {
            for _ in 0..<4 { _ = limiter.attempt(at: now) { false } }
            guard case .locked(let until) = limiter.attempt(at: now, matches: { false }) else { Issue.record("not locked"); return }
            lengths.append(until.timeIntervalSince(now))
            now = until
        }
        #expect(lengths == [900, 1800, 3600, 7200, 14400, 14400])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(PINAttemptLimiter.self, from: encoder.encode(limiter)) == limiter)
        #expect(limiter.attempt(at: now) { true } == .accepted)
        for _ in 0..<4 { _ = limiter.attempt(at: now) { false } }
        #expect(limiter.attempt(at: now) { false } == .locked(until: now.addingTimeInterval(900)), "the right PIN ends the run of lockouts")
        limiter.unlock()
        #expect(!limiter.isLocked && limiter.attempt(at: now) { false } == .refused(remaining: 4))
        var garbled = PINAttemptLimiter.lockedOnStart(at: now)
        #expect(garbled.attempt(at: now) { true } == .locked(until: now.addingTimeInterval(900)))
    }

    @Test("the right PIN resets the count of wrong ones")
    func rightPINResets() {
        var limiter = PINAttemptLimiter()
        let now = Date()
        for _ in 0..<4 { _ = limiter.attempt(at: now) { false } }
        #expect(limiter.attempt(at: now) { true } == .accepted)
        #expect(limiter.attempt(at: now) { false } == .refused(remaining: 4))
    }
}
