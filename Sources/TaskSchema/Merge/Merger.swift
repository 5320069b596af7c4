import Foundation
import WorkbookIO

/// The outcome of merging: every file with its status, the accepted reports per task, the
/// units that did not return, and every problem.
public struct MergeResult: Sendable {
    public enum Status: String, Sendable, Encodable {
        case accepted, rejected, superseded
        /// A file xlsx-tasks wrote itself (the mailing checklist, a merged workbook): not a return.
        case skipped
        /// A .zip whose spreadsheets were taken out and merged as files of their own.
        case unpacked
        /// The form came back as it was sent (nothing typed, or only the carried-over values):
        /// not a return; the unit is still waited for.
        case blank
    }

    /// Which rule chose between two submissions of one unit.
    public enum Decision: String, Sendable, Encodable {
        /// The clerk pinned the file with --prefer.
        case preferred
        /// The later 填报日期.
        case reportDate = "report-date"
        /// The same 填报日期 (or none): the later file modification time.
        case modified = "modification-time"
        /// Nothing told them apart: the file that sorts last by name.
        case fileOrder = "file-order"

        public var chinese: String {
            switch self {
            case .preferred: return "按指定文件（--prefer）"
            case .reportDate: return "按填报日期较新"
            case .modified: return "填报日期相同，按文件修改时间较新"
            case .fileOrder: return "填报日期和修改时间均相同，按文件名顺序"
            }
        }
    }

    public struct FileOutcome: Sendable {
        /// As the clerk knows it: relative to the RETURNED argument, or archive.zip/member.
        public var path: String
        public var unit: String?
        public var status: Status
        public var identifiedBy: Identification?
        /// Task rows read.
        public var rows: Int
        public var problems: [MergeProblem]
        public var reportDate: Double?
        public var supersededBy: String?
        /// For a unit that sent more than once: the rule that decided.
        public var decidedBy: Decision?
        /// The period the file is stamped with.
        public var period: String?
        /// Why a skipped or unpacked file was not read as a return, in English and in Chinese.
        public var reason: String?
        public var note: String?
        /// The mail the file came in (for a mail, the mail itself).
        public var mail: MailProvenance? = nil
        /// 填报人 and 联系电话 from the form's reporter block.
        public var reporter: String? = nil
        public var phone: String? = nil
    }

    public var master: Master
    public var template: ReportTemplate
    /// The round's period: as given, or the one most stamped files carry ("" when none says).
    public var period: String
    /// True when ``period`` was taken from the files (no --period given).
    public var periodFromFiles: Bool
    public var files: [FileOutcome]
    /// Task id → the accepted reports on it, in the order of the task's units.
    public var reports: [String: [UnitReport]]
    /// Primary responsible units with no accepted file.
    public var missingUnits: [String]
    /// The lookups the merge used, kept for writing the summary.
    var index: MasterIndex
    /// The clerk's corrections applied (a workspace's `correct`), listed in 人工更正.
    public internal(set) var corrections: [Correction] = []
    /// Every round up to this one (a workspace's report), written as 历次进展; nil for a merge.
    public var history: RoundHistory?
    /// 序时进度 of every task on the round's day (a workspace that knows its plan's span); nil for a merge.
    public var pace: PaceReport?

    public var problems: [MergeProblem] { files.flatMap(\.problems) }
}

/// Merges returned files into the master.
public enum Merger {
    /// Files named on the command line, folders searched recursively. Hidden files
    /// (`.DS_Store`), Office lock files (`~$…`) and Windows thumbnails are skipped. Each file is
    /// shown relative to the folder it was found in (prefixed with the folder's name when
    /// several folders are given), a named file as it was typed.
    public static func collectFiles(_ arguments: [String]) throws -> [ReturnedInput] {
        var files: [ReturnedInput] = []
        var folders = 0
        for argument in arguments {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue { folders += 1 }
        }
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw MergeError(message: "\(argument): no such file or folder")
            }
            guard isFolder.boolValue else {
                var input = ReturnedInput(path: argument, shown: argument)
                input.special = SpecialFile.kind(argument)
                files.append(input)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: argument) else { continue }
            let prefix = folders > 1 ? URL(fileURLWithPath: argument).standardizedFileURL.lastPathComponent + "/" : ""
            var found: [ReturnedInput] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if isIgnored(name) {
                    if name.hasPrefix("."), walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
                    continue
                }
                let full = (argument as NSString).appendingPathComponent(relative)
                var input = ReturnedInput(path: full, shown: prefix + relative)
                switch walker.fileAttributes?[.type] as? FileAttributeType {
                case .typeRegular?: found.append(input)
                case .typeDirectory?, .typeSymbolicLink?: break
                default:
                    input.special = SpecialFile.kind(full) ?? "not a regular file"
                    found.append(input)
                }
            }
            files += found.sorted { $0.shown < $1.shown }
        }
        return files
    }

    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name == "Thumbs.db" || name == "desktop.ini"
    }

    /// `period` empty: the period most stamped files carry is the round's, and files of another
    /// period are rejected either way. `preferred` pins files (paths as given or as shown)
    /// that win over other submissions of their unit.
    public static func merge(
        master: Master, template: ReportTemplate, period: String, files inputs: [ReturnedInput], preferred: [String] = [],
        limits: ReadLimits = .standard
    ) throws -> MergeResult {
        let index = MasterIndex(master)
        let (analysed, inputsRead) = analyse(inputs, index: index, template: template, limits: limits)
        let pinned = try preferredInputs(preferred, among: inputsRead)
        return try combine(analysed, index: index, template: template, period: period, pinned: pinned)
    }

    /// The first half of a merge: every file read and checked against the master (archives
    /// opened, their files following them). What it returns can be stored and combined later
    /// without reading any file again (the workspace's collect and report).
    public static func analyse(_ inputs: [ReturnedInput], master: Master, template: ReportTemplate,
                               limits: ReadLimits = .standard) -> [AnalysedFile] {
        analyse(inputs, index: MasterIndex(master), template: template, limits: limits).files
    }

    /// `senders`: a workspace's contacts and notices, to tell from a mail which unit sent it.
    public static func analyse(_ inputs: [ReturnedInput], index: MasterIndex, template: ReportTemplate,
                               limits: ReadLimits = .standard, senders: SenderDirectory = .init()) -> [AnalysedFile] {
        analyse(inputs, index: index, template: template, limits: limits, senders: senders).files
    }

    static func analyse(_ inputs: [ReturnedInput], index: MasterIndex, template: ReportTemplate, limits: ReadLimits,
                        senders: SenderDirectory = .init()) -> (files: [AnalysedFile], inputs: [ReturnedInput]) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tasks-unpacked-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (read, inputsRead) = analyseAll(inputs, depth: 0, scratch: scratch, index: index, template: template, limits: limits,
                                            senders: senders)
        return (read.map(AnalysedFile.init), inputsRead)
    }

    /// The second half: the round's period decided (or checked), files of another period
    /// rejected, one submission per unit chosen (`pinned` positions win), the reports gathered.
    /// `periodIsTheRound`: `period` is a workspace round's label, used even when no file carries it
    /// (a merge's --period that no file carries is a typo and stops the merge).
    /// `sent`: unit → task → column → the value its form was sent with (carried over); a file
    /// whose every value is as sent, or that has none, is ``MergeResult/Status/blank``.
    public static func combine(_ files: [AnalysedFile], master: Master, template: ReportTemplate, period: String,
                               pinned: Set<Int> = [], periodIsTheRound: Bool = false,
                               sent: [String: [String: [Int: ReportedValue]]] = [:]) throws -> MergeResult {
        try combine(files, index: MasterIndex(master), template: template, period: period, pinned: pinned,
                    periodIsTheRound: periodIsTheRound, sent: sent)
    }

    public static func combine(_ files: [AnalysedFile], index: MasterIndex, template: ReportTemplate, period: String,
                               pinned: Set<Int>, periodIsTheRound: Bool = false,
                               sent: [String: [String: [Int: ReportedValue]]] = [:]) throws -> MergeResult {
        let master = index.master
        var analyses = files.map(\.analysis)
        let (roundPeriod, fromFiles) = periodIsTheRound ? (period, false) : try decidePeriod(period, analyses: analyses)
        for position in analyses.indices where analyses[position].rejection == nil && analyses[position].skipped == nil {
            guard let stamped = analyses[position].period, !roundPeriod.isEmpty, stamped != roundPeriod else { continue }
            analyses[position] = analyses[position].rejectedForPeriod(stamped, round: roundPeriod, given: !fromFiles)
        }
        var outcomes = analyses.enumerated().map { position, analysis in
            MergeResult.FileOutcome(
                path: analysis.path, unit: analysis.unit,
                status: analysis.isArchive && analysis.rejection == nil ? .unpacked : analysis.skipped != nil ? .skipped
                    : analysis.rejection == nil ? .accepted : .rejected,
                identifiedBy: analysis.identifiedBy, rows: analysis.reports.count, problems: analysis.problems,
                reportDate: analysis.reportDate, supersededBy: nil, decidedBy: nil, period: analysis.period,
                reason: analysis.skipped?.reason, note: analysis.skipped?.chinese, mail: analysis.mail,
                reporter: analysis.reporter, phone: analysis.phone)
        }
        for position in outcomes.indices where outcomes[position].status == .accepted && isBlank(analyses[position], sent: sent) {
            outcomes[position].status = .blank
            outcomes[position].note = "原样退回，未填写任何进展（视为未报送）"
            outcomes[position].problems = [MergeProblem(
                file: analyses[position].path, unit: analyses[position].unit, sheet: nil, row: nil, task: nil, column: nil, value: nil,
                kind: .blankReturn, message: "returned as it was sent: nothing filled in; the unit has not reported yet",
                chineseMessage: "原样退回，未填写任何进展（仅有上期带入的数值或空白），视为未报送，请联系单位重新填报")]
        }
        SubmissionChoice.supersede(&outcomes, analyses: analyses, pinned: pinned, template: template)
        var reports: [String: [UnitReport]] = [:]
        for (position, analysis) in analyses.enumerated() where outcomes[position].status == .accepted {
            for report in analysis.reports { reports[report.task, default: []].append(report) }
        }
        for (task, list) in reports {
            guard list.count > 1, let units = index.tasksByID[task].map({ $0.primaryUnits + $0.relatedUnits + $0.leaders }) else { continue }
            reports[task] = list.sorted { (units.firstIndex(of: $0.unit) ?? .max) < (units.firstIndex(of: $1.unit) ?? .max) }
        }
        let returned = Set(outcomes.filter { $0.status == .accepted }.compactMap(\.unit))
        let missing = index.unitNames.filter { !returned.contains($0) }
        return MergeResult(master: master, template: template, period: roundPeriod, periodFromFiles: fromFiles, files: outcomes,
                           reports: reports, missingUnits: missing, index: index)
    }

    /// Nothing typed, or only what the form was sent with: a unit that opened the form and sent it
    /// straight back. A value typed but not usable ("约90%") is something typed: not blank.
    static func isBlank(_ analysis: FileAnalysis, sent: [String: [String: [Int: ReportedValue]]]) -> Bool {
        guard let unit = analysis.unit else { return false }
        // Warnings are about values kept (compared below) or the file; an error other than an
        // empty cell means something was typed that could not be used.
        guard analysis.problems.allSatisfy({ $0.level == .warning || $0.kind == .notReported }) else { return false }
        return analysis.reports.allSatisfy { report in
            report.extras.isEmpty && report.values.allSatisfy { column, value in sent[unit]?[report.task]?[column] == value }
        }
    }

    /// Every input read and checked (on every core), each plain ZIP archive or mail followed by
    /// its files; with the inputs in the same order, for --prefer.
    static func analyseAll(
        _ inputs: [ReturnedInput], depth: Int, scratch: URL, index: MasterIndex, template: ReportTemplate, limits: ReadLimits,
        senders: SenderDirectory
    ) -> ([FileAnalysis], [ReturnedInput]) {
        let analyses = ParallelMap.map(inputs) {
            FileAnalysis.analyse($0, index: index, template: template, limits: limits, senders: senders)
        }
        var all: [FileAnalysis] = [], read: [ReturnedInput] = []
        for (input, var analysis) in zip(inputs, analyses) {
            guard analysis.isArchive else {
                all.append(analysis)
                read.append(input)
                continue
            }
            do {
                let members: [ReturnedInput]
                if let kind = analysis.mailKind {
                    let opened = try ReturnedMail.extract(input, kind: kind, depth: depth, into: scratch, limits: limits,
                                                          senders: senders, index: index)
                    members = opened.inputs
                    analysis.skipped = opened.note
                    analysis.mail = opened.provenance ?? analysis.mail
                } else {
                    members = try ReturnedArchive.extract(input, depth: depth, into: scratch, limits: limits)
                    analysis.skipped = .init("a ZIP archive: its \(members.count) file(s) are merged as \(input.shown)/…",
                                             "压缩包，已取出其中 \(members.count) 个文件逐一汇总")
                }
                all.append(analysis)
                read.append(input)
                let inner = analyseAll(members, depth: depth + 1, scratch: scratch, index: index, template: template, limits: limits,
                                       senders: senders)
                all += inner.0
                read += inner.1
            } catch {
                if analysis.mailKind != nil { analysis.isArchive = false }  // a mail with nothing to collect is a file rejected
                all.append(analysis.rejected(error.reason, zh: error.chinese))
                read.append(input)
            }
        }
        return (all, read)
    }

    /// The round's period: the one given, which must be on at least one stamped file when any
    /// file is stamped (a typo would reject them all); else the one most files carry.
    static func decidePeriod(_ given: String, analyses: [FileAnalysis]) throws -> (String, Bool) {
        var counts: [String: Int] = [:]
        for analysis in analyses where analysis.rejection == nil && analysis.skipped == nil {
            if let period = analysis.period { counts[period, default: 0] += 1 }
        }
        let found = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let listed = found.map { "\($0.key) (\($0.value) file\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")
        if !given.isEmpty {
            if !found.isEmpty && counts[given] == nil {
                throw MergeError(message: "--period \"\(given)\" matches no returned file; the files are stamped with: \(listed)")
            }
            return (given, false)
        }
        guard let first = found.first else { return ("", true) }
        if found.count > 1 && found[1].value == first.value {
            throw MergeError(message: "the returned files are stamped with several periods equally often: \(listed); say which round this is with --period")
        }
        return (first.key, true)
    }

    /// The inputs pinned with --prefer, matched by the path given or as shown.
    static func preferredInputs(_ preferred: [String], among inputs: [ReturnedInput]) throws -> Set<Int> {
        var pinned: Set<Int> = []
        for wanted in preferred {
            let absolute = URL(fileURLWithPath: wanted).standardizedFileURL.resolvingSymlinksInPath().path
            let matches = inputs.indices.filter { position in
                inputs[position].shown == wanted
                    || URL(fileURLWithPath: inputs[position].path).standardizedFileURL.resolvingSymlinksInPath().path == absolute
            }
            guard !matches.isEmpty else { throw MergeError(message: "--prefer \(wanted): not one of the returned files") }
            pinned.formUnion(matches)
        }
        return pinned
    }
}

public struct MergeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
