import Foundation

extension ReceiptContent {
    /// 参保登记凭证 of a resident with nothing to pay (exempt, or a tier aid covers in full): who is
    /// registered for which year and why nothing is due.
    static func registrationSlip(_ slip: RegistrationSlip, printedAt: Date) -> ReceiptContent {
        var blocks: [ReceiptBlock] = [
            .heading("参保登记凭证"),
            .text(slip.policyTitle, .centred),
            .rule,
            .field(label: "姓名", value: PaperMasking.name(slip.maskedName)),
        ]
        if let idNumber = slip.maskedIDNumber, !idNumber.isEmpty {
            blocks.append(.field(label: "证件号码", value: PaperMasking.idNumber(idNumber)))
        }
        blocks += [
            .field(label: "参保年度", value: "\(slip.year)年度"),
            .field(label: "参保地区", value: slip.region),
            .field(label: "参保类别", value: slip.categoryLabel),
        ]
        if let tier = slip.tierLabel, !tier.isEmpty {
            blocks.append(.field(label: "缴费档次", value: tier))
        }
        if let label = slip.reliefLabel, !label.isEmpty {
            blocks.append(.field(label: "资助类别", value: label))
        }
        if let description = slip.reliefDescription, !description.isEmpty {
            blocks.append(.text(description, .small))
        }
        blocks += [
            .rule,
            .text("本年度个人无需缴费", .emphasised),
            .field(label: "打印时间", value: ReceiptTimestamp.text(printedAt)),
        ]
        return ReceiptContent(blocks: blocks)
    }
}
