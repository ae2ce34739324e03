import Foundation
import KioskTesting

/// The programs that read a rendered receipt back: poppler's pdftotext/pdftoppm/pdfinfo and zbar's
/// zbarimg. A missing one fails the test, naming the Debian package to install.
enum ReceiptTools {
    static let packages = ["pdftotext": "poppler-utils", "pdftoppm": "poppler-utils", "pdfinfo": "poppler-utils", "zbarimg": "zbar-tools"]

    static func path(_ tool: String) throws -> String {
        for folder in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: folder + "/" + tool) {
            return folder + "/" + tool
        }
        throw TestFixtureError("\(tool) is missing: apt-get install -y \(packages[tool] ?? "?") (make deps-test installs it)")
    }

    /// Runs `tool` to completion; a non-zero exit fails with its standard error.
    static func run(_ tool: String, _ arguments: [String], in directory: TemporaryDirectory) async throws -> String {
        let result = try await ChildProcess.run(try path(tool), arguments, workDirectory: directory)
        guard result.status == 0 else {
            throw TestFixtureError("\(tool) \(arguments.joined(separator: " ")) exited \(result.status): \(result.error)")
        }
        return result.output
    }

    static func pdfText(_ pdf: String, in directory: TemporaryDirectory) async throws -> String {
        try await run("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], in: directory)
    }

    /// "226.77 x 612.5 pts" → (226.77, 612.5), and the page count.
    static func pdfPageSize(_ pdf: String, in directory: TemporaryDirectory) async throws -> (width: Double, height: Double, pages: Int) {
        let info = try await run("pdfinfo", [pdf], in: directory)
        func value(_ key: String) -> String? {
            info.split(separator: "\n").first { $0.hasPrefix(key + ":") }.map { String($0.dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        let size = (value("Page size") ?? "").split(separator: " ")
        guard size.count >= 3, let width = Double(size[0]), let height = Double(size[2]), let pages = value("Pages").flatMap({ Int($0) }) else {
            throw TestFixtureError("pdfinfo said: \(info)")
        }
        return (width, height, pages)
    }

    /// The PDF rasterised as the printer's driver would (203 dpi), then its QR codes decoded.
    static func pdfQRCodes(_ pdf: String, in directory: TemporaryDirectory) async throws -> [String] {
        let prefix = directory.file(String(UUID().uuidString.prefix(8)) + "-page")
        _ = try await run("pdftoppm", ["-r", "203", "-png", "-singlefile", pdf, prefix], in: directory)
        return try await qrCodes(prefix + ".png", in: directory)
    }

    /// Every QR code zbarimg finds in the image; none is an empty list (zbarimg exits 4 then).
    static func qrCodes(_ image: String, in directory: TemporaryDirectory) async throws -> [String] {
        let result = try await ChildProcess.run(try path("zbarimg"), ["--raw", "-q", image], workDirectory: directory)
        switch result.status {
        case 0: return result.output.split(separator: "\n").map(String.init)
        case 4: return []
        default: throw TestFixtureError("zbarimg \(image) exited \(result.status): \(result.error)")
        }
    }
}
