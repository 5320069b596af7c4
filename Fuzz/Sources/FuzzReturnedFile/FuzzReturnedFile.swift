import FuzzSupport
import TaskSchema

/// Any bytes as a returned file: sniffed, then read as .xlsx, .xls or CSV with the standard
/// limits. Rejecting is fine; a crash, a hang or unbounded memory is a finding.
@_cdecl("FuzzReturnedFile_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data = bytes else { return 0 }
    let path = ScratchFile.write(data, size)
    if let file = try? ReturnedFile.load(path) {
        for sheet in file.sheets { for row in sheet.rows { _ = row.values.endIndex } }
    }
    return 0
}
