#!/usr/bin/env python3
"""Write hostile and broken returned files into OUT_DIR: each one a way a crafted attachment or a
corrupted download once hung, crashed or exhausted the merge. All are variants of a real return,
Tests/Fixtures/quarter/招商局.xlsx (filled by openpyxl), built with a small ZIP writer of our own
(so sizes, ZIP64 fields and local headers can lie) or with openpyxl and Python's csv.

usage: python3 Tests/Fixtures/make_hostile_fixtures.py OUT_DIR
Prints one JSON object: {file name: class}. The files are made at test time, not committed: some
inflate to hundreds of megabytes.
"""
import csv
import json
import os
import struct
import sys
import zlib

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "quarter", "招商局.xlsx")
SHEET = "xl/worksheets/sheet1.xml"


def parts_of(path):
    import zipfile
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def build_zip(path, parts, stored=(), lie=None, local_extra=None, cut=None, local_lie=()):
    """A ZIP of (name, data) in order. `stored`: names written without compression. `lie`: name →
    {"usize", "csize"} written into the central directory as ZIP64 values. `local_extra`: name →
    bytes of a bogus local extra field. `cut`: (name, fraction): that member's data is cut short
    while the central directory stays as it was. `local_lie`: names whose local header claims
    sizes of 4 GB."""
    out, directory = bytearray(), bytearray()
    for name, data in parts:
        raw = name.encode()
        method = 0 if name in stored else 8
        body = data if method == 0 else zlib.compress(data, 6)[2:-4]
        crc = zlib.crc32(data)
        offset = len(out)
        extra = (local_extra or {}).get(name, b"")
        local = (0xFFFFFFF0, 0xFFFFFFF0) if name in local_lie else (len(body), len(data))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, *local, len(raw), len(extra))
        out += raw + extra
        if cut and cut[0] == name:
            out += body[: int(len(body) * cut[1])]
        else:
            out += body
        usize, csize, cd_extra = len(data), len(body), b""
        if lie and name in lie:
            values = [lie[name].get("usize", usize), lie[name].get("csize", csize)]
            cd_extra = struct.pack("<HH", 1, 16) + struct.pack("<QQ", *values)
            usize = csize = 0xFFFFFFFF
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0x800, method, 0, 0x21, crc, csize, usize,
                                 len(raw), len(cd_extra), 0, 0, 0, 0, offset)
        directory += raw + cd_extra
    start = len(out)
    out += directory
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), start, 0)
    with open(path, "wb") as f:
        f.write(out)


def with_sheet(parts, sheet):
    return [(n, sheet if n == SHEET else d) for n, d in parts]


def sheet_with_rows(original, rows_xml):
    """The original sheet with more rows before </sheetData>."""
    at = original.rindex(b"</sheetData>")
    return original[:at] + rows_xml + original[at:]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    o = lambda name: os.path.join(out, name)
    parts = parts_of(BASE)
    sheet = dict(parts)[SHEET]
    made = {}

    # Hangs: a deflate stream cut inside the member (central directory intact), a stored member
    # whose ZIP64 size lies, one cell inflating to 300 MB.
    last = [p for p in parts if p[0] != SHEET] + [(SHEET, sheet)]
    build_zip(o("hang-cut-deflate.xlsx"), last, cut=(SHEET, 0.75))
    made["hang-cut-deflate.xlsx"] = "hang"
    build_zip(o("hang-zip64-stored-lie.xlsx"), parts, stored={SHEET}, lie={SHEET: {"usize": 1 << 50, "csize": 1 << 50}})
    made["hang-zip64-stored-lie.xlsx"] = "hang"
    bomb = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"A" * (300 << 20) + b"</t></is></c></row></sheetData></worksheet>")
    build_zip(o("hang-cell-bomb.xlsx"), with_sheet(parts, bomb))
    del bomb
    made["hang-cell-bomb.xlsx"] = "hang"

    # Crashes: ZIP64 sizes of 2^64-1 and 2^63, a style index past Int, a row number of Int.max
    # followed by a row without r, column letters that overflow.
    build_zip(o("crash-zip64-max.xlsx"), parts, lie={SHEET: {"usize": (1 << 64) - 1}})
    made["crash-zip64-max.xlsx"] = "crash"
    build_zip(o("crash-stored-2-63.xlsx"), parts, stored={SHEET}, lie={SHEET: {"usize": 1 << 63, "csize": 1 << 63}})
    made["crash-stored-2-63.xlsx"] = "crash"
    build_zip(o("crash-style-index.xlsx"), with_sheet(parts, sheet_with_rows(
        sheet, b'<row r="900"><c r="A900" s="18446744073709551615"><v>1</v></c><c r="B900" s="9223372036854775807"><v>2</v></c></row>')))
    made["crash-style-index.xlsx"] = "crash"
    build_zip(o("crash-row-int-max.xlsx"), with_sheet(parts, sheet_with_rows(
        sheet, b'<row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>2</v></c></row>')))
    made["crash-row-int-max.xlsx"] = "crash"
    for letters in (7, 13, 15):
        name = f"crash-column-{letters}-letters.xlsx"
        ref = b"Z" * letters + b"1"
        build_zip(o(name), with_sheet(parts, sheet_with_rows(sheet, b'<row r="900"><c r="' + ref + b'"><v>1</v></c></row>')))
        made[name] = "crash"

    # Memory: 1.2 million rows, 5 million shared strings, 100,000 styles, a cell at XFD on each of
    # 20,000 rows, ZZZZ columns on 2,000 rows, a local header whose lengths lie.
    rows = b"<row><c><v>1</v></c></row>" * 1_200_000
    build_zip(o("memory-rows.xlsx"), with_sheet(parts, sheet_with_rows(sheet, rows)))
    del rows
    made["memory-rows.xlsx"] = "memory"
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"<si><t>x</t></si>" * 5_000_000 + b"</sst>")
    build_zip(o("memory-shared-strings.xlsx"), [(n, strings if n == "xl/sharedStrings.xml" else d) for n, d in parts]
              + ([] if any(n == "xl/sharedStrings.xml" for n, _ in parts) else [("xl/sharedStrings.xml", strings)]))
    del strings
    made["memory-shared-strings.xlsx"] = "memory"
    styles = dict(parts)["xl/styles.xml"]
    at = styles.index(b"<cellXfs")
    close = styles.index(b">", at) + 1
    many = styles[:close] + b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 100_000 + styles[close:]
    build_zip(o("memory-styles.xlsx"), [(n, many if n == "xl/styles.xml" else d) for n, d in parts])
    made["memory-styles.xlsx"] = "memory"
    xfd = b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r) for r in range(1000, 21000))
    build_zip(o("memory-xfd-rows.xlsx"), with_sheet(parts, sheet_with_rows(sheet, xfd)))
    made["memory-xfd-rows.xlsx"] = "memory"
    zzzz = b"".join(b'<row r="%d"><c r="ZZZZ%d"><v>1</v></c></row>' % (r, r) for r in range(1000, 3000))
    build_zip(o("memory-zzzz-columns.xlsx"), with_sheet(parts, sheet_with_rows(sheet, zzzz)))
    made["memory-zzzz-columns.xlsx"] = "memory"
    build_zip(o("memory-local-header-lies.xlsx"), parts, local_extra={SHEET: b"\x99\x99\xff\xff" + b"\0" * 65531},
              local_lie={SHEET})
    made["memory-local-header-lies.xlsx"] = "memory"
    with open(o("memory-csv-long-line.csv"), "w", encoding="utf-8") as f:
        f.write("编号,进展情况\n1-001," + "长" * (8 << 20) + "\n")
    made["memory-csv-long-line.csv"] = "memory"

    # Length: a 进展情况 of 40,000 characters, in an .xlsx (written into the sheet XML: openpyxl
    # itself cuts text at 32,767) and in a GBK CSV.
    # The text as the sheet XML holds it: numeric character references.
    first = "".join(f"&#{ord(c)};" for c in "招商局推进").encode()
    at = sheet.index(first)
    end = sheet.index(b"<", at)
    build_zip(o("length-40000.xlsx"), with_sheet(parts, sheet[:at] + "进".encode() * 40_000 + sheet[end:]))
    made["length-40000.xlsx"] = "length"
    ws = openpyxl.load_workbook(BASE).worksheets[0]
    rows = [["" if c.value is None else c.value.isoformat()[:10] if hasattr(c.value, "isoformat") else c.value for c in row]
            for row in ws.iter_rows()]
    rows[3][rows[2].index("进展情况")] = "进" * 40_000
    with open(o("length-40000-招商局.csv"), "w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows(rows)
    made["length-40000-招商局.csv"] = "length"
    json.dump(made, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
