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
        /// A status that needs a word in another column without it (滞后 with 存在问题 empty).
        case unexplained
        /// A percent below the unit's own last round.
        case lowerThanLast = "lower-than-last"
        /// 进展情况 word for word as the unit's last round.
        case sameAsLast = "same-as-last"
        /// 填报日期 outside the round: on or before the last round's due date, or in the future.
        case dateOutsideRound = "date-outside-round"
        /// The mail came from (or answered the notice of) another unit than the workbook names.
        case otherSender = "other-sender"
        /// The mail answers the notice of another round.
        case otherRoundReply = "other-round-reply"
        /// The form came back as it was sent: nothing typed, or only the carried-over values.
        case blankReturn = "blank-return"

        /// An error means what the unit typed is not used; a warning keeps it and lists it.
        public var level: Level {
            switch self {
            case .rejected, .unknownRow, .notAssigned, .duplicateRow, .invalidValue, .notReported, .otherPeriod, .otherMaster, .blankReturn:
                return .error
            case .superseded, .editedTask, .unprotected, .image, .inconsistent, .extraColumn, .tooLong, .unexplained,
                 .lowerThanLast, .sameAsLast, .dateOutsideRound, .otherSender, .otherRoundReply:
                return .warning
            }
        }

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
            case .unexplained: return "未说明原因"
            case .lowerThanLast: return "进度低于上期"
            case .sameAsLast: return "与上期相同"
            case .dateOutsideRound: return "填报日期不在本期"
            case .otherSender: return "发件单位与填报单位不一致"
            case .otherRoundReply: return "回复的是其他期通知"
            case .blankReturn: return "原样退回，未填写"
            }
        }
    }

    public enum Level: String, Sendable, Codable {
        case error, warning
        /// 问题清单's 级别 column.
        public var chinese: String { self == .error ? "错误" : "警告" }
    }

    public var level: Level { kind.level }

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

    /// `chinese`: what 问题清单 says, for the pages and mails that show it; `level` follows from the kind.
    enum CodingKeys: String, CodingKey { case file, unit, sheet, row, task, column, value, kind, level, message, chineseMessage = "chinese" }

    public init(file: String, unit: String?, sheet: String?, row: Int?, task: String?, column: String?, value: String?, kind: Kind,
                message: String, chineseMessage: String) {
        (self.file, self.unit, self.sheet, self.row, self.task, self.column, self.value) = (file, unit, sheet, row, task, column, value)
        (self.kind, self.message, self.chineseMessage) = (kind, message, chineseMessage)
    }

    public init(from decoder: Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try values.decode(String.self, forKey: .file), unit: try values.decodeIfPresent(String.self, forKey: .unit),
                  sheet: try values.decodeIfPresent(String.self, forKey: .sheet), row: try values.decodeIfPresent(Int.self, forKey: .row),
                  task: try values.decodeIfPresent(String.self, forKey: .task), column: try values.decodeIfPresent(String.self, forKey: .column),
                  value: try values.decodeIfPresent(String.self, forKey: .value), kind: try values.decode(Kind.self, forKey: .kind),
                  message: try values.decode(String.self, forKey: .message), chineseMessage: try values.decode(String.self, forKey: .chineseMessage))
    }

    public func encode(to encoder: Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(file, forKey: .file)
        try values.encodeIfPresent(unit, forKey: .unit)
        try values.encodeIfPresent(sheet, forKey: .sheet)
        try values.encodeIfPresent(row, forKey: .row)
        try values.encodeIfPresent(task, forKey: .task)
        try values.encodeIfPresent(column, forKey: .column)
        try values.encodeIfPresent(value, forKey: .value)
        try values.encode(kind, forKey: .kind)
        try values.encode(level, forKey: .level)
        try values.encode(message, forKey: .message)
        try values.encode(chineseMessage, forKey: .chineseMessage)
    }
}
