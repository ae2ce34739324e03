import Foundation

/// Unbuffered, whole-line output: lines come from the card's serving thread as well as the main one.
enum ConsoleOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
