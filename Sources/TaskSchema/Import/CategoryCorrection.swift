/// Stray characters typed before a category in the source ("我坚持改革为要…", "加坚持民生为本…")
/// would split one category into several. Two rules correct them, and every correction is
/// reported:
/// 1. a value that is another value of the column with one or two extra leading characters
///    becomes that value;
/// 2. a value with one or two characters before a pattern that the column's categories share
///    ("坚持…") loses those characters.
enum CategoryCorrection {
    static let maximumStray = 2

    static func correct(
        column: Int, of rows: inout [MasterAssembler.FilledRow], table: String, columnName: String,
        position: String = "line"
    ) -> [ImportWarning] {
        let values = rows.map { $0.cells[column].map(NameList.clean).joined() }
        let fixes = corrections(for: values)
        var warnings: [ImportWarning] = []
        var reported: Set<String> = []
        for (index, value) in values.enumerated() {
            guard let fixed = fixes[value] else { continue }
            rows[index].cells[column] = [fixed]
            if reported.insert(value).inserted {
                let count = values.filter { $0 == value }.count
                warnings.append(ImportWarning(
                    kind: .corrected,
                    message: "\(table), \(columnName), \(position) \(rows[index].line): \"\(value)\" corrected to \"\(fixed)\" (\(count) row\(count == 1 ? "" : "s"))"))
            }
        }
        return warnings
    }

    /// Original → corrected, for the values that need it.
    static func corrections(for values: [String]) -> [String: String] {
        var distinct: [String] = []
        for value in values where !value.isEmpty && !distinct.contains(value) { distinct.append(value) }
        var fixes: [String: String] = [:]
        for value in distinct {
            if let base = distinct.first(where: { other in
                other != value && (1...maximumStray).contains(value.count - other.count) && value.hasSuffix(other)
            }) {
                fixes[value] = base
            }
        }
        guard let pattern = sharedPattern(distinct) else { return fixes }
        for value in distinct where fixes[value] == nil && !value.hasPrefix(pattern) {
            for stray in 1...maximumStray where value.dropFirst(stray).hasPrefix(pattern) {
                fixes[value] = String(value.dropFirst(stray))
                break
            }
        }
        return fixes
    }

    /// The beginning most categories share: at least two values start with it, and it is
    /// found within the first characters of the most values (longer wins a tie).
    static func sharedPattern(_ distinct: [String]) -> String? {
        var best: (pattern: String, coverage: Int)? = nil
        var candidates: Set<String> = []
        for value in distinct where value.count >= 2 {
            for length in 2...min(4, value.count) { candidates.insert(String(value.prefix(length))) }
        }
        for pattern in candidates {
            let atStart = distinct.filter { $0.hasPrefix(pattern) }.count
            guard atStart >= 2 else { continue }
            let coverage = distinct.filter { value in
                (0...maximumStray).contains { value.dropFirst($0).hasPrefix(pattern) }
            }.count
            if coverage < 3 { continue }
            if let current = best,
                current.coverage > coverage || (current.coverage == coverage && current.pattern.count >= pattern.count)
            {
                continue
            }
            best = (pattern, coverage)
        }
        return best?.pattern
    }
}

/// Values that differ by a character or two ("铁腕推进污染治理" / "铁腕推进污染防治") may be a
/// typo or two real items; only a person can tell, so they are reported, never changed.
enum Lookalikes {
    static func find(in values: [String], table: String, columnName: String) -> [ImportWarning] {
        var distinct: [String] = []
        for value in values where !value.isEmpty && !distinct.contains(value) { distinct.append(value) }
        var warnings: [ImportWarning] = []
        for (i, first) in distinct.enumerated() {
            for second in distinct[(i + 1)...] where alike(first, second) {
                warnings.append(ImportWarning(
                    kind: .lookalike,
                    message: "\(table), \(columnName): \"\(first)\" and \"\(second)\" look alike; left unchanged"))
            }
        }
        return warnings
    }

    static func alike(_ a: String, _ b: String) -> Bool {
        let shorter = min(a.count, b.count)
        guard shorter >= 4, abs(a.count - b.count) <= 1 else { return false }
        let limit = min(2, max(1, shorter / 4))
        return editDistance(Array(a), Array(b), limit: limit) <= limit
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            var rowMinimum = current[0]
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                rowMinimum = Swift.min(rowMinimum, current[j + 1])
            }
            if rowMinimum > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
