extension KioskError.Code {
    /// The receipt could not be laid out or encoded (a library failure or an impossible page size).
    public static let printerRenderFailed = Self("printer.render_failed")
}
