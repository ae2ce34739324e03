import Foundation

/// Stands for the receipt printer: each printed receipt appends its receipt number as one line.
///
/// Printing is made idempotent the way a real print queue allows: the job is named by the receipt
/// number, and before printing the kiosk asks whether a job of that name already completed (CUPS
/// keeps job history). Here that question is "is the line already in the file". Without it a crash
/// between the paper coming out and the `printed` commit would print the receipt twice.
struct ReceiptPrinterFile {
    let path: String

    func printed(_ receiptNumber: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { $0 == receiptNumber }
    }

    /// Returns false when the receipt had already been printed.
    func printOnce(_ receiptNumber: String) throws -> Bool {
        if printed(receiptNumber) { return false }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HarnessError("cannot open \(path): errno \(errno)") }
        defer { close(descriptor) }
        let line = Array((receiptNumber + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else { throw HarnessError("cannot append to \(path): errno \(errno)") }
        return true
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
