import ArgumentParser
import Foundation
import TaskSchema

/// The options split and merge share: the form the round uses, its period, and JSON output.
struct RoundOptions: ParsableArguments {
    @Option(help: "The template describing the progress form (JSON); default: the bundled progress-report.json. Merge must use the template the workbooks were split with.")
    var template: String?

    @Option(help: "The reporting period, e.g. 2020年第二季度: shown in titles and stored in the files by split; for merge, files stamped with another period are rejected, and without it the period most files carry is the round's.")
    var period: String?

    @Flag(help: "Print a JSON summary on standard output instead of the human summary.")
    var json = false

    func validate() throws {
        if let period, period.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--period is empty; give the round's period, e.g. --period 2020年第二季度, or leave it out")
        }
    }

    /// The template named with --template, else the bundled one.
    func loadTemplate() throws -> ReportTemplate {
        try template.map { try ReportTemplate.load(from: URL(fileURLWithPath: $0)) } ?? ReportTemplate.standard()
    }
}

/// 报送截止时间 and the office's contact, shown under every workbook's title and in 填报说明:
/// the same two options for split and round open.
struct DeadlineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("报送截止时间: the date the workbooks are due back, shown under each title and in 填报说明.", valueName: "YYYY-MM-DD"))
    var due: String?

    @Option(help: ArgumentHelp("The office's 联系人、电话、邮箱, shown the same way, e.g. \"督查室 张三 0576-88888888 dcs@example.gov.cn\".", valueName: "TEXT"))
    var contact: String?

    func validate() throws { try checkDate(due, flag: "--due") }

    var deadline: CalendarDay? { due.flatMap(CalendarDay.init(iso:)) }
    var contactText: String { contact?.trimmingCharacters(in: .whitespaces) ?? "" }
}

/// A YYYY-MM-DD option, refused with the flag named when it is not a date.
func checkDate(_ value: String?, flag: String) throws {
    if let value, CalendarDay(iso: value) == nil { throw ValidationError("\(flag) \(value): expected a date like 2020-07-10") }
}

/// --today, for the commands that judge lateness (status, mail --late).
struct TodayOption: ParsableArguments {
    @Option(help: ArgumentHelp("The date lateness is judged on (default: today).", valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws { try checkDate(today, flag: "--today") }

    var day: CalendarDay? { today.flatMap(CalendarDay.init(iso:)) }
}
