import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the bytes of a text file into a String the way a Chinese office's files need:
/// a byte-order mark first (UTF-8, UTF-16LE/BE), then strict UTF-8, then GB18030
/// (the superset of GBK that a Chinese Excel or Notepad writes without any marker).
public enum TextDecoding {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", utf8BOM = "UTF-8 with BOM", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", gb18030 = "GB18030" }

    public enum Failure: Error, Equatable, Sendable {
        /// NUL bytes or undecodable bytes: not a text file at all.
        case binary
        /// Neither UTF-8 nor GB18030.
        case unknownEncoding
    }

    public static func decode(_ data: Data) -> Result<(text: String, encoding: Encoding), Failure> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { return .failure(.unknownEncoding) }
            return .success((text, .utf8BOM))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            guard let text = decodeUTF16(bytes.dropFirst(2), littleEndian: little) else { return .failure(.unknownEncoding) }
            return .success((text, little ? .utf16LE : .utf16BE))
        }
        if bytes.contains(0) { return .failure(.binary) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success((text, .utf8)) }
        if let text = convert(bytes, from: "GB18030") { return .success((text, .gb18030)) }
        return .failure(.unknownEncoding)
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    /// Converts with the C library's iconv; nil when the bytes are not valid in `encoding`.
    public static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var inputLeft = input.count
        var outputLeft = output.count
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
            }
        }
        guard status != -1, inputLeft == 0 else { return nil }
        return String(validating: output[0..<(output.count - outputLeft)], as: UTF8.self)
    }
}
