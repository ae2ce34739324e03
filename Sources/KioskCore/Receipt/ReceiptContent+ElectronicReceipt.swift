extension ReceiptContent {
    /// 社会保险费电子票据: the receipt's fields in the order of the paper form, the total in figures
    /// and capitals, and the verification QR code. Region and insurance year are in the item labels.
    static func electronicReceipt(_ receipt: ElectronicReceipt) -> ReceiptContent {
        var blocks: [ReceiptBlock] = [
            .heading(receipt.title),
            .field(label: "票据代码", value: receipt.receiptCode),
            .field(label: "票据号码", value: receipt.receiptNumber),
            .field(label: "校验码", value: receipt.checkCode),
            .rule,
            .field(label: "交款人", value: PaperMasking.name(receipt.payerMaskedName)),
            .field(label: "证件号码", value: PaperMasking.idNumber(receipt.payerMaskedIDNumber)),
            .rule,
            .amount(label: "收款项目", figures: "金额", emphasised: true),
        ]
        blocks += receipt.items.map { .amount(label: $0.label, figures: $0.amount.description, emphasised: false) }
        blocks += [
            .rule,
            .amount(label: "合计", figures: receipt.total.description, emphasised: true),
            .text("大写：" + ChineseAmountCapitals.text(receipt.total), .body),
            .rule,
        ]
        if let card = receipt.card {
            blocks.append(.field(label: "缴费方式", value: "银行卡 " + card.maskedPAN))
            if let authCode = card.authCode, !authCode.isEmpty { blocks.append(.field(label: "授权码", value: authCode)) }
            if let reference = card.reference, !reference.isEmpty { blocks.append(.field(label: "参考号", value: reference)) }
        } else if let channel = receipt.channel, !channel.isEmpty {
            blocks.append(.field(label: "缴费方式", value: channel))
        }
        blocks += [
            .field(label: "交易参考", value: PaperMasking.transactionReference(receipt.paymentID)),
            .field(label: "收款单位", value: receipt.issuer),
            .field(label: "终端", value: receipt.kioskID),
            .field(label: "开票时间", value: ReceiptTimestamp.text(receipt.issuedAt)),
        ]
        // A verification link the kiosk refused (BackendText.qrURL) is left off: the codes above still verify it.
        if !receipt.verificationURL.isEmpty {
            blocks.append(.qrCode(payload: receipt.verificationURL, caption: "扫码查验"))
        }
        return ReceiptContent(blocks: blocks)
    }
}
