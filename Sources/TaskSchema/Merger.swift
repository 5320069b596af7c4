import Foundation
import WorkbookIO

/// The outcome of merging: every file with its status, the accepted reports per task, the
/// units that did not return, and every problem.
public struct MergeResult: Sendable {
    public enum Status: String, Sendable, Encodable { case accepted, rejected, superseded }

    public struct FileOutcome: Sendable {
        public var path: String
        public var unit: String?
        public var status: Status
        public var identifiedBy: String?
        /// Task rows read.
        public var rows: Int
        public var problems: [MergeProblem]
        public var reportDate: Double?
        public var supersededBy: String?
    }

    public var master: Master
    public var template: ReportTemplate
    public var period: String
    public var files: [FileOutcome]
    /// Task id → the accepted reports on it, in the order of the task's units.
    public var reports: [String: [UnitReport]]
    /// Primary responsible units with no accepted file.
    public var missingUnits: [String]
    /// The lookups the merge used, kept for writing the summary.
    var index: MasterIndex

    public var problems: [MergeProblem] { files.flatMap(\.problems) }
    public func acceptedFile(of unit: String) -> FileOutcome? { files.first { $0.unit == unit && $0.status == .accepted } }
}

/// Merges returned files into the master.
public enum Merger {
    /// Files named on the command line, folders searched recursively. Hidden files
    /// (`.DS_Store`), Office lock files (`~$…`) and Windows thumbnails are skipped.
    public static func collectFiles(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw MergeError(message: "\(argument): no such file or folder")
            }
            guard isFolder.boolValue else {
                files.append(argument)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: argument) else { continue }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if isIgnored(name) {
                    if name.hasPrefix("."), walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
                    continue
                }
                let full = (argument as NSString).appendingPathComponent(relative)
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular { found.append(full) }
            }
            files += found.sorted()
        }
        return files
    }

    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name == "Thumbs.db" || name == "desktop.ini"
    }

    public static func merge(master: Master, template: ReportTemplate, period: String, files: [String]) -> MergeResult {
        let index = MasterIndex(master)
        // Files are independent: read and check them on every core.
        let analyses = ParallelMap.map(files) { FileAnalysis.analyse($0, index: index, template: template, period: period) }
        var outcomes = analyses.map { analysis in
            MergeResult.FileOutcome(
                path: analysis.path, unit: analysis.unit, status: analysis.rejection == nil ? .accepted : .rejected,
                identifiedBy: analysis.identifiedBy, rows: analysis.reports.count, problems: analysis.problems,
                reportDate: analysis.reportDate, supersededBy: nil)
        }
        // A unit that sent more than once: the newest submission wins (填报日期, then the file's
        // modification time); the older ones are listed with every value that differs.
        var byUnit: [String: [Int]] = [:]
        for (position, analysis) in analyses.enumerated() where analysis.rejection == nil {
            byUnit[analysis.unit!, default: []].append(position)
        }
        for (_, positions) in byUnit where positions.count > 1 {
            let ordered = positions.sorted { a, b in
                let left = (analyses[a].reportDate ?? -.infinity, analyses[a].modified ?? .distantPast, analyses[a].path)
                let right = (analyses[b].reportDate ?? -.infinity, analyses[b].modified ?? .distantPast, analyses[b].path)
                return left < right
            }
            let winner = ordered.last!
            for older in ordered.dropLast() {
                outcomes[older].status = .superseded
                outcomes[older].supersededBy = analyses[winner].path
                outcomes[older].problems = supersededProblems(analyses[older], winner: analyses[winner], template: template)
            }
        }
        var reports: [String: [UnitReport]] = [:]
        for (position, analysis) in analyses.enumerated() where outcomes[position].status == .accepted {
            for report in analysis.reports { reports[report.task, default: []].append(report) }
        }
        for (task, list) in reports {
            guard list.count > 1, let units = index.tasksByID[task].map({ $0.primaryUnits + $0.relatedUnits + $0.leaders }) else { continue }
            reports[task] = list.sorted { (units.firstIndex(of: $0.unit) ?? .max) < (units.firstIndex(of: $1.unit) ?? .max) }
        }
        let returned = Set(outcomes.filter { $0.status == .accepted }.compactMap(\.unit))
        let missing = master.units.map(\.name).filter { !returned.contains($0) }
        return MergeResult(master: master, template: template, period: period, files: outcomes, reports: reports,
                           missingUnits: missing, index: index)
    }

    /// The problems of a superseded file: its own (relabelled), the file itself, and every
    /// value it holds that the newer file does not hold in the same place.
    static func supersededProblems(_ older: FileAnalysis, winner: FileAnalysis, template: ReportTemplate) -> [MergeProblem] {
        let newer = Dictionary(winner.reports.map { ($0.task, $0.values) }, uniquingKeysWith: { first, _ in first })
        let winnerName = URL(fileURLWithPath: winner.path).lastPathComponent
        var problems = [MergeProblem(
            file: older.path, unit: older.unit, sheet: nil, row: nil, task: nil, column: nil, value: nil, kind: .superseded,
            message: "an older submission of \(older.unit ?? ""); \(winner.path) is used instead",
            chineseMessage: "\(older.unit ?? "")的较早报送文件，已采用较新的 \(winnerName)")]
        for report in older.reports {
            for (column, value) in report.values.sorted(by: { $0.key < $1.key }) where newer[report.task]?[column] != value {
                problems.append(MergeProblem(
                    file: older.path, unit: older.unit, sheet: report.sheet, row: report.row, task: report.task,
                    column: template.columns[column].name, value: value.displayText, kind: .superseded,
                    message: "differs from the newer submission", chineseMessage: "与较新报送文件中的填报内容不同"))
            }
        }
        for problem in older.problems where problem.value != nil {
            var relabelled = problem
            relabelled.kind = .superseded
            relabelled.message = "in the older submission: " + problem.message
            relabelled.chineseMessage = "（较早报送文件）" + problem.chineseMessage
            problems.append(relabelled)
        }
        return problems
    }
}

public struct MergeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension ReportedValue {
    public var displayText: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return NumberText.format(number)
        case .date(let serial): return ExcelDate.text(serial, date1904: false)
        }
    }
}

/// Runs `transform` over `items` on all cores, keeping the order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values
    }
}

final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [R] { slots.map { $0! } }
}
