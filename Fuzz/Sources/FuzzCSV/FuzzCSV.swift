import FuzzSupport
import WorkbookIO

/// Any bytes as a CSV or "Unicode text" file: decoded (BOM, UTF-8, UTF-16, GB18030) and parsed.
@_cdecl("FuzzCSV_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data = bytes else { return 0 }
    _ = try? CSVReader.read(path: ScratchFile.write(data, size))
    return 0
}
