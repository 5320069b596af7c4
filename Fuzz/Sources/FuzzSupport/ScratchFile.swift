import Foundation

/// The readers take paths (FreeXL and the ZIP reader read files): each input is written to one
/// scratch file per process, in RAM when the machine has /dev/shm.
public enum ScratchFile {
    nonisolated(unsafe) static var path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/xlsx-tasks-fuzz-\(getpid())"
    }()

    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, suffix: String = "") -> String {
        let target = path + suffix
        FileManager.default.createFile(atPath: target, contents: Data(bytes: data, count: size))
        return target
    }
}
