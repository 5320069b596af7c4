import Foundation
import GRDB
import TaskSchema
import WorkbookIO

extension Workspace {
    public struct Collected: Sendable, Encodable {
        public struct File: Sendable, Encodable {
            public var path: String
            public var sha256: String
            public var unit: String?
            /// accepted, rejected, superseded, skipped, unpacked, or duplicate (collected before).
            public var status: String
            public var rows: Int
            public var problems: [MergeProblem]
            /// How its unit was recognised.
            public var identifiedBy: Identification? = nil
            /// The mail it came in (for a mail, the mail itself).
            public var mail: MailProvenance?
        }
        public var round: String
        public var files: [File]
        public var missing: [String]
    }

    /// `collect PATH...`: every file not collected into the round before (by SHA-256) is copied
    /// into the inbox and analysed exactly as `merge` analyses it; its analysis, values and
    /// problems are stored in one transaction, so a crash leaves each file recorded whole or not
    /// at all and a rerun finishes the job. Then the round's files are combined again (no file
    /// is read again) and every file's status is updated.
    public func collect(_ paths: [String], round label: String? = nil, template: ReportTemplate,
                        limits: ReadLimits = .standard) throws -> Collected {
        let round = try self.round(label)
        guard round.closed == nil else { throw WorkspaceError("round \(round.label) is closed; open the next one to collect into") }
        let inputs = try Merger.collectFiles(paths)
        let index = try masterIndex()

        // Which files are new: the checksum decides, not the name.
        var fresh: [(input: ReturnedInput, sha: String, size: Int)] = []
        var duplicates: [Collected.File] = []
        // What the round already holds, in one query; then the files given twice in this collect.
        var seen = Set(try database.read { db in
            try String.fetchAll(db, sql: "SELECT sha256 FROM received WHERE round = ?", arguments: [round.label])
        })
        for input in inputs {
            let (sha, size) = try Self.sha256(of: input.path)
            if seen.contains(sha) {
                duplicates.append(.init(path: input.shown, sha256: sha, unit: nil, status: "duplicate", rows: 0, problems: [], identifiedBy: nil, mail: nil))
            } else {
                seen.insert(sha)
                fresh.append((input, sha, size))
            }
        }

        // Files are analysed a batch at a time on the other cores while the previous batch is
        // recorded here: the database writes overlap the reading.
        let inbox = roundFolder(round.label).appendingPathComponent("inbox")
        var newFiles: [(sha: String, path: String)] = []
        var touched: Set<String> = []
        let batches = stride(from: 0, to: fresh.count, by: Self.collectBatch).map { Array(fresh[$0..<min(fresh.count, $0 + Self.collectBatch)]) }
        let senders = try senderDirectory(round: round.label)
        let analyse = { @Sendable (batch: [ReturnedInput]) in
            Merger.analyse(batch, index: index, template: template, limits: limits, senders: senders)
        }
        let inputsOf = { (batch: [(input: ReturnedInput, sha: String, size: Int)]) in batch.map { $0.input } }
        var next: Background<[AnalysedFile]>? = nil
        if let first = batches.first {
            let inputs = inputsOf(first)
            next = Background { analyse(inputs) }
        }
        for (number, batch) in batches.enumerated() {
            let analysed = next!.value
            next = nil
            if number + 1 < batches.count {
                let inputs = inputsOf(batches[number + 1])
                next = Background { analyse(inputs) }
            }
            touched.formUnion(analysed.compactMap(\.unit))
            for entry in batch {
                // The file's own analysis, and the files of an archive after it.
                let shown = entry.input.shown
                let own = analysed.filter { $0.path == shown || $0.path.hasPrefix(shown + "/") }
                let stored = try storeCopy(of: entry.input, sha: entry.sha, in: inbox)
                try database.write { db in
                    try db.execute(sql: """
                        INSERT INTO received (round, original_path, name, sha256, size, received, stored)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [round.label, URL(fileURLWithPath: entry.input.path).standardizedFileURL.path,
                                         URL(fileURLWithPath: entry.input.path).lastPathComponent, entry.sha, entry.size,
                                         Self.now(), relative(stored)])
                    let received = db.lastInsertedRowID
                    for (position, file) in own.enumerated() {
                        try insert(file, received: received, position: position, template: template, db: db)
                    }
                    try record(db, "collect", "\(shown) (\(entry.sha.prefix(12))): \(own.first?.unit ?? "unit not recognised")")
                }
                newFiles.append((entry.sha, shown))
            }
        }

        // Only the units that sent something new can change their choice of file.
        let result = try recombine(round: round.label, template: template, index: index, units: touched)
        let byPath = Dictionary(result.files.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
        // Each new file, then what an archive or a mail held, each with its own outcome: the paths
        // sorted once, those under `file/` found by a binary search (a thousand files, no scan each).
        let sortedPaths = byPath.keys.sorted()
        let files = newFiles.flatMap { file -> [Collected.File] in
            let outcome = byPath[file.path]
            let prefix = file.path + "/"
            var first = sortedPaths.partitioningIndex(where: { $0 >= prefix })
            var inside: [MergeResult.FileOutcome] = []
            while first < sortedPaths.count, sortedPaths[first].hasPrefix(prefix) {
                inside.append(byPath[sortedPaths[first]]!)
                first += 1
            }
            return [.init(path: file.path, sha256: file.sha, unit: outcome?.unit, status: outcome?.status.rawValue ?? "rejected",
                          rows: outcome?.rows ?? 0, problems: outcome?.problems ?? [], identifiedBy: outcome?.identifiedBy, mail: outcome?.mail)]
                + inside.map { .init(path: $0.path, sha256: file.sha, unit: $0.unit, status: $0.status.rawValue, rows: $0.rows,
                                     problems: $0.problems, identifiedBy: $0.identifiedBy, mail: $0.mail) }
        } + duplicates
        return Collected(round: round.label, files: files, missing: try missingUnits(round: round.label))
    }

    /// Units with no accepted file in the round, in the master's order.
    func missingUnits(round label: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM unit WHERE name NOT IN (
                    SELECT analysed.unit FROM analysed JOIN received ON received.id = analysed.received
                    WHERE received.round = ? AND analysed.status = 'accepted' AND analysed.unit IS NOT NULL)
                ORDER BY position
                """, arguments: [label])
        }
    }

    /// Files analysed at a time: enough to keep every core busy, few enough to start writing soon.
    static let collectBatch = 16

    /// rounds/LABEL/inbox/<first 12 hex of the SHA-256>/<original name>: stored once by content,
    /// under its name; never rewritten (a copy already there from an interrupted run is kept).
    func storeCopy(of input: ReturnedInput, sha: String, in inbox: URL) throws -> URL {
        let folder = inbox.appendingPathComponent(String(sha.prefix(12)))
        let destination = folder.appendingPathComponent(URL(fileURLWithPath: input.path).lastPathComponent)
        let manager = FileManager.default
        if manager.fileExists(atPath: destination.path) { return destination }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let partial = folder.appendingPathComponent(".partial-\(UUID().uuidString.prefix(8))")
        do {
            try manager.copyItem(atPath: input.path, toPath: partial.path)
            guard rename(partial.path, destination.path) == 0 else {
                throw WorkspaceError("\(destination.path): cannot store the copy: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? manager.removeItem(at: partial)
            throw error
        }
        return destination
    }

    /// `position`: the file's place in what was received (an archive's files follow it).
    func insert(_ file: AnalysedFile, received: Int64, position: Int, template: ReportTemplate, db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO analysed (received, position, path, unit, identified_by, status, reason, rows, analysis)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [received, position, file.path, file.unit, file.identifiedBy?.rawValue,
                                     file.isSkipped ? "skipped" : file.rejection == nil ? "accepted" : "rejected", file.rejection,
                                     file.reports.count, try JSONEncoder().encode(file)])
        let analysed = db.lastInsertedRowID
        // Prepared once per connection: a returned workbook holds hundreds of values.
        let value = try db.cachedStatement(sql: "INSERT INTO value VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for report in file.reports {
            for (column, reported) in report.values {
                let name = column < template.columns.count ? template.columns[column].name : String(column)
                var number: Double? = nil
                let kind: String
                switch reported {
                case .text: kind = "text"
                case .number(let n): kind = "number"; number = n
                case .date(let serial): kind = "date"; number = serial
                }
                try value.execute(arguments: [analysed, report.task, report.unit, name, reported.displayText, kind, number,
                                              report.sheet, report.row])
            }
        }
        let problem = try db.cachedStatement(sql: "INSERT INTO problem VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for item in file.problems {
            try problem.execute(arguments: [analysed, item.kind.rawValue, item.sheet, item.row, item.task, item.column, item.value,
                                            item.message, item.chineseMessage])
        }
    }

    /// The round's stored analyses, in the order of their paths (as one merge of them all would
    /// see them), combined as `merge` combines; each file's status is written back.
    /// `units`: only the files of these units (and those of no unit) — what a collect can have
    /// changed; nil for the whole round (a report). `recording`: false to leave the statuses as
    /// they are (reading a closed round for the next one's carry-over). Recording a merge of every
    /// unit also judges the round against 序时进度 (`pace`, when the plan is known).
    @discardableResult
    func recombine(round label: String, template: ReportTemplate, index: MasterIndex, units: Set<String>? = nil,
                   recording: Bool = true) throws -> MergeResult {
        let (rows, blobs, preferred, corrections, sent) = try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT analysed.id, analysed.received, analysed.unit, analysed.path, received.received AS collected FROM analysed
                JOIN received ON received.id = analysed.received
                WHERE received.round = ? ORDER BY analysed.path, analysed.received, analysed.position
                """, arguments: [label]).filter { row in units.map { wanted in (row["unit"] as String?).map(wanted.contains) ?? true } ?? true }
            // The analyses of those files only: a collect of one file into a round of a thousand reads a few.
            let blob = try db.cachedStatement(sql: "SELECT analysis FROM analysed WHERE id = ?")
            let blobs = try rows.map { try Data.fetchOne(blob, arguments: [$0["id"] as Int64]) ?? Data() }
            return (rows, blobs,
                    Set(try Int64.fetchAll(db, sql: "SELECT received FROM preference WHERE round = ?", arguments: [label])),
                    try self.corrections(round: label, in: db), try sentValues(round: label, in: db))
        }
        let ids: [Int64] = rows.map { $0["id"] }
        // Decoded on every core: a round of a thousand files holds 100 MB of analyses.
        let decoded = ParallelMap.map(blobs) { blob in Result { try JSONDecoder().decode(AnalysedFile.self, from: blob) } }
        let files = try decoded.map { try $0.get() }
        let pinned = Set(rows.indices.filter { preferred.contains(rows[$0]["received"] as Int64) })
        var result = try Merger.combine(files, index: index, template: template, period: label, pinned: pinned, periodIsTheRound: true,
                                        sent: sent)
        result.apply(corrections)
        guard recording else { return result }
        try addRoundWarnings(to: &result, round: label, units: units, template: template, index: index)
        let span = try planSpan()
        // The tasks whose standing can have changed: those of the units that sent something.
        // A merge of every unit's files judges them all as the report does; past a few thousand
        // tasks one pass over the round's values is quicker than a query per task.
        let everyUnit = units.map { units in index.unitNames.allSatisfy(units.contains) } ?? true
        let tasks = units.map { units in Set(units.flatMap(index.expectedTasks(of:))).union(result.reports.keys) }
            .flatMap { $0.count > 5_000 ? nil : $0 }
        let round = try self.round(label)
        // The whole round judged once: stored for status, and what the report's columns show.
        if let span, everyUnit {
            result.pace = PaceReport.make(master: result.master, reports: result.reports, template: template, span: span, on: Self.judgingDay(round))
        }
        let collected = Dictionary(rows.map { ($0["path"] as String, $0["collected"] as String) }, uniquingKeysWith: { first, _ in first })
        try database.write { db in
            for (id, outcome) in zip(ids, result.files) {
                try db.execute(sql: "UPDATE analysed SET status = ?, unit = ?, reason = ? WHERE id = ?",
                               arguments: [outcome.status.rawValue, outcome.unit, outcome.supersededBy.map { "superseded by \($0)" }
                                   ?? outcome.problems.first { $0.kind == .rejected || $0.kind == .otherPeriod || $0.kind == .blankReturn }?.message, id])
            }
            try storeDecidedProblems(db, ids: ids, outcomes: result.files)
            var expected: [String: Double]? = nil
            if let span {
                if let pace = result.pace {
                    try storeStandings(db, pace, of: result, round: round)
                } else {
                    try refreshStandings(db, round: round, template: template, span: span, tasks: tasks)
                    expected = Dictionary(try Row.fetchAll(db, sql: "SELECT task, expected FROM standing WHERE round = ?", arguments: [round.label])
                        .map { ($0["task"] as String, $0["expected"] as Double) }, uniquingKeysWith: { first, _ in first })
                }
            }
            try storeUnitJudgments(db, result: result, round: round, units: units, collected: collected, expected: expected)
        }
        return result
    }
}

extension Workspace {
    /// Problems decided when the round's files are combined, not when a file is read: the checks
    /// against the round before, and a form sent back blank. Stored with the file's own problems
    /// (replacing those of the last combination), so status, the page and 问题清单 count the same.
    static let decidedKinds: [MergeProblem.Kind] = [.lowerThanLast, .sameAsLast, .dateOutsideRound, .blankReturn]

    func storeDecidedProblems(_ db: Database, ids: [Int64], outcomes: [MergeResult.FileOutcome]) throws {
        let kinds = Self.decidedKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let clear = try db.cachedStatement(sql: "DELETE FROM problem WHERE analysed = ? AND kind IN (\(kinds))")
        let insert = try db.cachedStatement(sql: "INSERT INTO problem VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (id, outcome) in zip(ids, outcomes) {
            try clear.execute(arguments: [id])
            for item in outcome.problems where Self.decidedKinds.contains(item.kind) {
                try insert.execute(arguments: [id, item.kind.rawValue, item.sheet, item.row, item.task, item.column, item.value,
                                               item.message, item.chineseMessage])
            }
        }
    }

    /// Unit → task → column → the value the round's form was sent with (what carry-over pre-filled).
    func sentValues(round label: String, in db: Database) throws -> [String: [String: [Int: ReportedValue]]] {
        var sent: [String: [String: [Int: ReportedValue]]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT unit, prefilled FROM dispatched WHERE round = ? AND prefilled IS NOT NULL", arguments: [label]) {
            let values = try JSONDecoder().decode([String: [Int: ReportedValue]].self, from: Data((row["prefilled"] as String).utf8))
            if !values.isEmpty { sent[row["unit"]] = values }
        }
        return sent
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
