import Foundation
import SystemZlib
import WorkbookIO

/// What a writer that deflates at zlib's default level must spend on the bytes a workbook
/// holds, whatever else it does: the floor under any libxlsxwriter-based split or merge,
/// printed next to the measured figures.
enum DeflateFloor {
    static func measure(_ path: String) throws -> (bytes: Int, seconds: Double) {
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let files = isFolder.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".xlsx") }.map { path + "/" + $0 }
            : [path]
        var bytes = 0
        var seconds = 0.0
        for file in files {
            let package = try ZipPackage(path: file, limits: .trusted)
            for part in package.partNames {
                guard let data = try package.data(of: part) else { continue }
                bytes += data.count
                let start = cpuSeconds()
                deflateOnce(data)
                seconds += cpuSeconds() - start
            }
        }
        return (bytes, seconds)
    }

    /// Raw deflate at the default level into a scratch buffer, as minizip does for each part.
    static func deflateOnce(_ data: Data) {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 64 << 10)
        var input = [UInt8](data)
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            var status = Z_OK
            while status == Z_OK {
                status = output.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return deflate(&stream, Z_FINISH)
                }
            }
        }
    }

    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
