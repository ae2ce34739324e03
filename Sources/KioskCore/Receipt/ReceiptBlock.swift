/// One piece of a receipt's layout, from top to bottom; the renderer decides sizes and wrapping.
public enum ReceiptBlock: Sendable, Hashable {
    /// The document's name, centred and large.
    case heading(String)
    /// A wrapped paragraph.
    case text(String, ReceiptTextStyle)
    /// "label：value"; continuation lines hang under the value.
    case field(label: String, value: String)
    /// A label (wrapped) with an amount aligned right on its first line.
    case amount(label: String, figures: String, emphasised: Bool)
    /// A dashed separator.
    case rule
    /// A QR code of `payload`, centred, with a caption under it.
    case qrCode(payload: String, caption: String)
    /// A scale across the full printable width, ticks every millimetre, numbered every ten.
    case ruler(millimetres: Int)
}

public enum ReceiptTextStyle: Sendable, Hashable {
    case body
    case emphasised
    case centred
    case small
}
