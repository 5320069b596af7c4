import Foundation
import TaskSchema
import WorkbookIO

// Benchmark workloads that have no command of their own.
//   xlsx-tasks-bench read FILE.xlsx      the peers' read checksum over the first sheet (header skipped):
//                                        rows, non-empty cells, characters in text cells, exact numeric sum
//   xlsx-tasks-bench inflate FILE.xlsx   only inflate the first sheet and the shared strings (the floor
//                                        any reader pays), printing the bytes
//   xlsx-tasks-bench load SOURCE         only load a master (what split and merge pay first)
//   xlsx-tasks-bench deflate PATH        the writer's floor: deflate every part of the .xlsx file(s) at
//                                        PATH (a file or a folder) again at zlib level 6, as libxlsxwriter
//                                        does on one thread; prints the bytes and the CPU seconds it took
//   xlsx-tasks-bench raw FILE.txt        (fixture helper) the text export's tables as read, before any
//                                        interpretation, as JSON: Tests/Fixtures/make_docx_fixtures.py
//                                        builds the seed's .docx twin from it
let workloads: [String: (String) throws -> String] = [
    "read": ReadChecksum.run,
    "inflate": { path in
        let reader = try XlsxReader(path: path, limits: .trusted)
        let package = try ZipPackage(path: path, limits: .trusted)
        var bytes = 0
        for part in [reader.worksheetParts[0], "xl/sharedStrings.xml"] where package.contains(part) {
            try package.stream(part) { bytes += $0.count }
        }
        return "inflated=\(bytes)"
    },
    "load": { path in
        let master = try MasterSource.load(path)
        return "tasks=\(master.taskCount) units=\(master.units.count)"
    },
    "deflate": { path in
        let floor = try DeflateFloor.measure(path)
        return String(format: "bytes=%d deflate_cpu_s=%.2f", floor.bytes, floor.seconds)
    },
    "raw": { path in
        let raw = try TextExportReader(path: path).read()
        let tables: [[String: Any]] = raw.tables.map { table in
            ["title": table.title ?? "", "header": table.header, "rows": table.rows.map(\.cells)]
        }
        let document: [String: Any] = ["documentNumber": raw.documentNumber ?? "", "title": raw.title ?? "", "tables": tables]
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    },
]

let arguments = CommandLine.arguments
guard arguments.count == 3, let workload = workloads[arguments[1]] else {
    FileHandle.standardError.write(Data("usage: xlsx-tasks-bench \(workloads.keys.sorted().joined(separator: "|")) FILE\n".utf8))
    exit(2)
}
do {
    print(try workload(arguments[2]))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
