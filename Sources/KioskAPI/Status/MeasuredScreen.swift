import Foundation
import KioskCore

/// The resident page's own measure of the screen while it shows the test pattern:
/// `window.innerWidth × innerHeight` in CSS pixels at `devicePixelRatio`.
public struct MeasuredScreen: Codable, Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var ratio: Double

    public init(width: Int, height: Int, ratio: Double) {
        self.width = width
        self.height = height
        self.ratio = ratio
    }

    /// "1080×1920 at 1.0"
    public var text: String { "\(width)×\(height) at \(String(format: (ratio * 10).rounded() == ratio * 10 ? "%.1f" : "%.2f", ratio))" }
}
