import FuzzSupport
import TaskSchema

/// Any bytes as a Word document: the ZIP, then word/document.xml's tables, then the master.
@_cdecl("FuzzDocx_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data = bytes else { return 0 }
    _ = try? MasterSource.load(ScratchFile.write(data, size))
    return 0
}
