import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// FIFOs, devices and sockets: opening one to read blocks or never ends, so they are named and
/// left alone, never read.
public enum SpecialFile {
    /// "a FIFO (named pipe)", "a device", "a socket"; nil for a regular file, a folder or nothing.
    public static func kind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }
}
