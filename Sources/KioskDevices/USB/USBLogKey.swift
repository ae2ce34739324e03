/// Metadata keys of the scanner's log lines. None of them ever carries a code's content.
enum USBLogKey {
    static let device = "device"
    static let mode = "mode"
    static let kind = "kind"
    static let detail = "detail"
}
