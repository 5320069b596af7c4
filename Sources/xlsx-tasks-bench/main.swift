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
let arguments = CommandLine.arguments
guard arguments.count == 3, ["read", "inflate", "load", "deflate", "raw"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: xlsx-tasks-bench read|inflate|load|deflate|raw FILE\n".utf8))
    exit(2)
}
if arguments[1] == "raw" {
    do {
        let raw = try TextExportReader(path: arguments[2]).read()
        let tables: [[String: Any]] = raw.tables.map { table in
            ["title": table.title ?? "", "header": table.header, "rows": table.rows.map(\.cells)]
        }
        let document: [String: Any] = ["documentNumber": raw.documentNumber ?? "", "title": raw.title ?? "", "tables": tables]
        FileHandle.standardOutput.write(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}
if arguments[1] == "deflate" {
    do {
        let floor = try DeflateFloor.measure(arguments[2])
        print(String(format: "bytes=%d deflate_cpu_s=%.2f", floor.bytes, floor.seconds))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}
if arguments[1] == "load" {
    do {
        let master = try MasterSource.load(arguments[2])
        print("tasks=\(master.taskCount) units=\(master.units.count)")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}
if arguments[1] == "inflate" {
    do {
        let reader = try XlsxReader(path: arguments[2])
        let package = try ZipPackage(path: arguments[2])
        var bytes = 0
        for part in [reader.sheets[0].part!, "xl/sharedStrings.xml"] where package.contains(part) {
            try package.stream(part) { bytes += $0.count }
        }
        print("inflated=\(bytes)")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}
do {
    let reader = try XlsxReader(path: arguments[2])
    let strings = try reader.sharedStrings()
    // Characters as Python counts them (code points), once per distinct string.
    let lengths = strings.map { $0.unicodeScalars.count }
    var rows = 0
    var nonEmpty = 0
    var textCharacters = 0
    var sum = ExactSum()
    var first = true
    try reader.forEachRow(inSheet: 0) { row in
        if first {
            first = false
            return
        }
        rows += 1
        for cell in row.cells {
            switch cell.value {
            case .sharedString(let index):
                let length = lengths[index]
                if length > 0 {
                    nonEmpty += 1
                    textCharacters += length
                }
            case .text(let text):
                if !text.isEmpty {
                    nonEmpty += 1
                    textCharacters += text.unicodeScalars.count
                }
            case .number(let value), .percent(let value):
                nonEmpty += 1
                sum.add(value)
            case .date, .bool, .error, .image:
                nonEmpty += 1
            }
        }
    }
    print("rows=\(rows) nonempty=\(nonEmpty) textchars=\(textCharacters) numsum=\(String(format: "%.2f", sum.total))")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
