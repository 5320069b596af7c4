import Foundation
import SystemZlib

/// zlib's CRC-32 of a whole file: enough to tell whether a file is still the one a run wrote.
public enum FileChecksum {
    public static func crc32(of path: String) -> UInt32? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let value = data.withUnsafeBytes { bytes in
            SystemZlib.crc32(0, bytes.bindMemory(to: Bytef.self).baseAddress, uInt(bytes.count))
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
