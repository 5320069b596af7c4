import FuzzSupport
import MailReader

/// Any bytes read as a mail, a mailbox and an Outlook message: a reply is whatever a sender's
/// client (or an attacker) wrote.
@_cdecl("FuzzMail_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let bytes else { return 0 }
    let data = Array(UnsafeBufferPointer(start: bytes, count: size))
    _ = MailMessage.parse(data)
    for message in MboxFile.messages(data).prefix(4) { _ = MailMessage.parse(message) }
    _ = try? OutlookMessage.parse(data)
    return 0
}
