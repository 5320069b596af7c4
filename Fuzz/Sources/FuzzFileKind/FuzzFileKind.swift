import FuzzSupport
import WorkbookIO

/// Any bytes sniffed for what they are (ZIP, OLE, PDF, mail, text …).
@_cdecl("FuzzFileKind_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data = bytes else { return 0 }
    _ = try? FileKind.sniff(path: ScratchFile.write(data, size))
    return 0
}
