#!/usr/bin/env python3
"""Rebuild Tests/Fixtures/returned-xls/: legacy Excel 97–2003 twins of returned workbooks in
Tests/Fixtures/returned/, written by LibreOffice (soffice --headless --convert-to xls), plus a
truncated one and a password-protected one. LibreOffice cannot write an encrypted .xls from the
command line, so that one is made by hand: the workbook stream's INTERFACEHDR record (0x00E1) is
turned into a FILEPASS record (0x002F), the record an encrypted workbook carries right after its
BOF; readers stop there and report the file as encrypted. The merge tests check that each twin merges like its .xlsx original.

usage: python3 Tests/Fixtures/make_xls_fixtures.py
"""
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "returned")
OUT = os.path.join(HERE, "returned-xls")
TWINS = ["工信局.xlsx", "商务局-LibreOffice另存.xlsx", "住建局.xlsx", "农业农村局.xlsx", "生态环境局.xlsx",
         "公安局.xlsx", "统计局.xlsx"]


def main():
    work = tempfile.mkdtemp(prefix="xls-fixtures-")
    profile = os.path.join(work, "profile")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "xls", "--outdir", OUT] + [os.path.join(SOURCE, name) for name in TWINS],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    # A download cut off half way.
    with open(os.path.join(OUT, "工信局.xls"), "rb") as f:
        data = f.read()
    with open(os.path.join(OUT, "水务局-传输中断.xls"), "wb") as f:
        f.write(data[: len(data) // 2])
    # Protected with a password to open (see above).
    data = bytearray(data)
    at = data.find(bytes([0xE1, 0x00, 0x02, 0x00, 0xB0, 0x04]))
    assert at > 0, "no INTERFACEHDR record found"
    data[at:at + 2] = bytes([0x2F, 0x00])
    with open(os.path.join(OUT, "审计局-加密.xls"), "wb") as f:
        f.write(data)
    shutil.rmtree(work)
    print(f"wrote {len(os.listdir(OUT))} files to {OUT}")


if __name__ == "__main__":
    main()
