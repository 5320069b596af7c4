import Foundation
import GRDB
import TaskSchema
import WorkbookIO

/// What the round concludes of each unit, kept in `unit_round` whenever its files are combined
/// again, so that status, the page, 汇总 and the bulletin read one judgment: its figures from its
/// own report (``UnitFigures``), whether it returned (or sent the form back blank), and when.
extension Workspace {
    /// How the day a unit returned was known.
    public enum ReturnedBy: String, Sendable, Encodable {
        /// The Date of the mail the file came in.
        case mail
        /// The form's 填报日期 (filled in, and plausible for the round).
        case filled
        /// When it was collected.
        case collected
    }

    /// When the accepted file was returned: its mail's Date; else its 填报日期 when filled and
    /// plausible (not after it was collected, not on or before the last round's due date, and
    /// within a year before this round's); else when it was collected.
    static func returnedAt(_ outcome: MergeResult.FileOutcome, collected: String, previousDue: CalendarDay?,
                           due: CalendarDay?) -> (at: String, by: ReturnedBy) {
        if let date = outcome.mail?.date { return (LocalTime.iso(date), .mail) }
        if let serial = outcome.reportDate, let collectedDay = LocalTime.day(iso: collected) ?? CalendarDay(iso: String(collected.prefix(10))),
           let filled = CalendarDay(serial: serial), filled <= collectedDay, previousDue.map({ filled > $0 }) ?? true,
           due.map({ $0.ordinal - filled.ordinal <= 366 }) ?? true,
           let local = Calendar.current.date(from: DateComponents(timeZone: .current, year: filled.year, month: filled.month, day: filled.day)) {
            return (LocalTime.iso(local), .filled)
        }
        return (collected, .collected)
    }

    /// Stores the judgments of `units` (nil: every unit) from a recombination of the round.
    /// `collected`: analysed row id → when its file was collected, for the files combined.
    func storeUnitJudgments(_ db: Database, result: MergeResult, round: Round, units: Set<String>?,
                            collected: [String: String], expected: [String: Double]?) throws {
        let previousDue = try String.fetchOne(db, sql: """
            SELECT due FROM round WHERE rowid < (SELECT rowid FROM round WHERE label = ?) ORDER BY rowid DESC LIMIT 1
            """, arguments: [round.label]).flatMap(CalendarDay.init(iso:))
        let due = round.due.flatMap(CalendarDay.init(iso:))
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO unit_round VALUES (?, ?, ?, ?, ?, ?)")
        var accepted: [String: MergeResult.FileOutcome] = [:], blank: Set<String> = []
        for file in result.files {
            guard let unit = file.unit else { continue }
            if file.status == .accepted, accepted[unit] == nil { accepted[unit] = file }
            if file.status == .blank { blank.insert(unit) }
        }
        if units == nil { try db.execute(sql: "DELETE FROM unit_round WHERE round = ?", arguments: [round.label]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for figures in UnitFigures.of(result, expected: expected) where units?.contains(figures.name) ?? true {
            var state = "none", at: String? = nil, by: String? = nil
            if let file = accepted[figures.name] {
                state = "returned"
                let when = Self.returnedAt(file, collected: collected[file.path] ?? Self.now(), previousDue: previousDue, due: due)
                (at, by) = (when.at, when.by.rawValue)
            } else if blank.contains(figures.name) {
                state = "blank"
            }
            try insert.execute(arguments: [round.label, figures.name, String(decoding: try encoder.encode(figures), as: UTF8.self), state, at, by])
        }
    }

    struct UnitJudgment {
        var figures: UnitFigures
        var state: String
        var returnedAt: String?
        var returnedBy: ReturnedBy?
    }

    /// The round's stored judgments by unit.
    func unitJudgments(round label: String, in db: Database) throws -> [String: UnitJudgment] {
        var found: [String: UnitJudgment] = [:]
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT * FROM unit_round WHERE round = ?", arguments: [label]) {
            guard let figures = try? decoder.decode(UnitFigures.self, from: Data((row["figures"] as String).utf8)) else { continue }
            found[row["unit"]] = UnitJudgment(figures: figures, state: row["state"], returnedAt: row["returned_at"],
                                              returnedBy: (row["returned_by"] as String?).flatMap(ReturnedBy.init(rawValue:)))
        }
        return found
    }
}
