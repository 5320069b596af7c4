import Foundation
import WorkbookIO
import XCTest

final class TextDecodingTests: XCTestCase {
    private func decode(_ bytes: [UInt8]) -> (String, TextDecoding.Encoding)? {
        guard case .success(let decoded) = TextDecoding.decode(Data(bytes)) else { return nil }
        return (decoded.text, decoded.encoding)
    }

    func testUTF8WithAndWithoutBOM() {
        XCTAssertEqual(decode(Array("门类".utf8))?.0, "门类")
        XCTAssertEqual(decode(Array("门类".utf8))?.1, .utf8)
        let withBOM = decode([0xEF, 0xBB, 0xBF] + Array("门类".utf8))
        XCTAssertEqual(withBOM?.0, "门类", "the BOM must not end up in the text")
        XCTAssertEqual(withBOM?.1, .utf8BOM)
    }

    func testUTF16LittleAndBigEndian() {
        let little: [UInt8] = [0xFF, 0xFE] + "门类".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + "门类".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertEqual(decode(little)?.0, "门类")
        XCTAssertEqual(decode(little)?.1, .utf16LE)
        XCTAssertEqual(decode(big)?.0, "门类")
        XCTAssertEqual(decode(big)?.1, .utf16BE)
    }

    func testGBKBytesAsAChineseExcelWritesThem() {
        // "成交时间" in GBK, as seen in a real "xls" export (xlrd issue 286), then "发改委,工信局".
        let gbk: [UInt8] = [0xB3, 0xC9, 0xBD, 0xBB, 0xCA, 0xB1, 0xBC, 0xE4, 0x0A,
                            0xB7, 0xA2, 0xB8, 0xC4, 0xCE, 0xAF, 0x2C, 0xB9, 0xA4, 0xD0, 0xC5, 0xBE, 0xD6]
        XCTAssertEqual(decode(gbk)?.0, "成交时间\n发改委,工信局")
        XCTAssertEqual(decode(gbk)?.1, .gb18030)
    }

    func testBinaryIsRefused() {
        guard case .failure(let failure) = TextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])) else {
            return XCTFail("a ZIP header is not text")
        }
        XCTAssertEqual(failure, .binary)
    }
}
