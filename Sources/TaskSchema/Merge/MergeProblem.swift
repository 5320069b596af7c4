/// Something found in the returned files that the office must see. Nothing a unit typed is
/// dropped or overwritten silently: it is merged, or it is listed here with its value.
public struct MergeProblem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The file could not be used at all.
        case rejected
        /// An older submission of a unit that sent again; its differing values are listed.
        case superseded
        /// A row whose task cannot be found (unknown 编号 and task text).
        case unknownRow = "unknown-row"
        /// A row for a task that is not the unit's.
        case notAssigned = "not-assigned"
        /// The same task a second time in one file.
        case duplicateRow = "duplicate-row"
        /// A locked task text was changed.
        case editedTask = "edited-task"
        /// A value that is not a number in range, not an allowed choice, not a date …
        case invalidValue = "invalid-value"
        /// A required column left empty, or a task missing from the file.
        case notReported = "not-reported"
        /// The file says it belongs to another reporting period.
        case otherPeriod = "other-period"
        /// The file was split from a different master.
        case otherMaster = "other-master"
        /// The unit removed the sheet protection.
        case unprotected
        /// WPS in-cell images.
        case image
        /// A status its percentage contradicts (已完成 at 30 %); the values are kept.
        case inconsistent
        /// A column the unit added; its values are kept in 分单位明细 (a notice).
        case extraColumn = "extra-column"
        /// A text longer than a cell holds: kept truncated.
        case tooLong = "too-long"

        /// The label in the 问题清单 sheet.
        public var chinese: String {
            switch self {
            case .rejected: return "文件无法使用"
            case .superseded: return "已被新版本替代"
            case .unknownRow: return "无法识别的行"
            case .notAssigned: return "非本单位任务"
            case .duplicateRow: return "重复行"
            case .editedTask: return "任务内容被修改"
            case .invalidValue: return "填报值无效"
            case .notReported: return "未填报"
            case .otherPeriod: return "非本期文件"
            case .otherMaster: return "任务总表不一致"
            case .unprotected: return "工作表保护被取消"
            case .image: return "单元格图片"
            case .inconsistent: return "填报前后矛盾"
            case .extraColumn: return "附加列（已保留）"
            case .tooLong: return "内容超长（已截断）"

            }
        }
    }

    public var file: String
    public var unit: String?
    public var sheet: String?
    /// 1-based row as the unit sees it.
    public var row: Int?
    public var task: String?
    public var column: String?
    /// The raw value as typed, kept so nothing is lost.
    public var value: String?
    public var kind: Kind
    /// In English, for the command line and JSON.
    public var message: String
    /// In Chinese, for the 问题清单 sheet the office reads.
    public var chineseMessage: String

    /// `chinese`: what 问题清单 says, for the pages and mails that show it.
    enum CodingKeys: String, CodingKey { case file, unit, sheet, row, task, column, value, kind, message, chineseMessage = "chinese" }
}
