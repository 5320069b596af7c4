#!/usr/bin/env python3
"""Rebuild Tests/Fixtures/quarter/: the files of one real quarter that tripped the merge (issue
"Nothing lost, nothing overwritten"), made by real clients: openpyxl fills the split workbooks,
LibreOffice writes the .xls and the PDF, python-docx the Word file, Python's email package the
saved mail, zipfile the archive (its member name in GBK, as a Chinese Windows writes it).

usage: python3 Tests/Fixtures/make_quarter_fixtures.py [--tool .build/debug/xlsx-tasks]

Values follow make_returned_fixtures.value_for, except where a file is about one defect.
"""
import argparse
import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.message import EmailMessage

import docx
import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_returned_fixtures import HEADER_ROW, PERIOD, SEED, fill, soffice, table_rows, task_ids  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "quarter")


def column_of(ws, name):
    return [c.value for c in ws[HEADER_ROW]].index(name) + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default=os.path.join(os.path.dirname(os.path.dirname(HERE)), ".build", "debug", "xlsx-tasks"))
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="quarter-")
    units = os.path.join(work, "units")
    subprocess.run([a.tool, "split", SEED, "-o", units, "--period", PERIOD], check=True, stdout=subprocess.DEVNULL)
    q1 = os.path.join(work, "q1")
    subprocess.run([a.tool, "split", SEED, "-o", q1, "--period", "2020年第一季度"], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    u = lambda name: os.path.join(units, name + ".xlsx")
    o = lambda name: os.path.join(OUT, name)

    # A column the unit added (备注), with a note on its first task.
    wb = fill(u("财政局"), o("财政局.xlsx"))
    ws = wb.worksheets[0]
    extra = ws.max_column + 1
    ws.cell(HEADER_ROW, extra, "备注")
    ws.cell(HEADER_ROW + 1, extra, "此项由预算科负责")
    wb.save(o("财政局.xlsx"))

    # Percent-formatted cells: 1.0 shown as 100% (已完成) and 0.55 shown as 55%, in an .xls
    # written by LibreOffice and (0.55 only) in an .xlsx.
    def percent_cells(src, dst, cells):
        wb = fill(src, dst)
        ws = wb.worksheets[0]
        pct, state = column_of(ws, "完成进度（%）"), column_of(ws, "推进状态")
        for offset, (value, status) in enumerate(cells):
            ws.cell(HEADER_ROW + 1 + offset, pct, value).number_format = "0%"
            ws.cell(HEADER_ROW + 1 + offset, state, status)
        wb.save(dst)
    percent_cells(u("公安局"), os.path.join(work, "公安局.xlsx"), [(1.0, "已完成"), (0.55, "序时推进")])
    soffice(["--convert-to", "xls", "--outdir", OUT, os.path.join(work, "公安局.xlsx")], work)
    percent_cells(u("住建局"), o("住建局.xlsx"), [(0.55, "序时推进")])

    # Last quarter's return, sent again by mistake: its properties say 2020年第一季度.
    fill(os.path.join(q1, "统计局.xlsx"), o("统计局-一季度.xlsx"))

    # Task 1-018 (高新区、浏河镇): 高新区 gives a percentage but no 进展情况; 浏河镇 sent twice.
    def no_progress_text(task_id):
        return {"进展情况": None} if task_id == "1-018" else None
    fill(u("高新区"), o("高新区.xlsx"), override=no_progress_text)
    fill(u("浏河镇"), o("浏河镇-第一次报送.xlsx"), date=dt.date(2020, 6, 20),
         override=lambda t: {"进展情况": f"旧的进展{t}", "存在问题": "旧的问题"})
    fill(u("浏河镇"), o("浏河镇.xlsx"), date=dt.date(2020, 6, 30))

    # Two submissions with the same 填报日期: only the modification time (or --prefer) decides.
    fill(u("科技局"), o("科技局-甲.xlsx"), override=lambda t: {"下一步计划": "甲稿计划"})
    fill(u("科技局"), o("科技局-乙.xlsx"), override=lambda t: {"下一步计划": "乙稿计划"})

    # A status its percentage contradicts: 已完成 at 30 %, 未启动 at 40 %.
    ids = task_ids(u("交运局"))
    fill(u("交运局"), o("交运局.xlsx"), override=lambda t: {ids[0]: {"推进状态": "已完成", "完成进度（%）": 30},
                                                           ids[1]: {"推进状态": "未启动", "完成进度（%）": 40}}.get(t))

    # A GBK CSV of a unit with tasks in both tables: a CSV keeps the first sheet only.
    fill(u("城管局"), os.path.join(work, "城管局.xlsx"))
    with open(o("城管局.csv"), "w", encoding="gbk", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(table_rows(os.path.join(work, "城管局.xlsx")))

    # A clean return, for contrast.
    fill(u("招商局"), o("招商局.xlsx"))

    # Things that are not returns: a PDF, a Word file, a saved mail, a RAR, our own checklist and
    # a merged workbook named after a unit; and a .zip holding a real return (GBK member name).
    soffice(["--convert-to", "pdf", "--outdir", work, u("审计局")], work)
    shutil.copy(os.path.join(work, "审计局.pdf"), o("审计局.pdf"))
    document = docx.Document()
    document.add_paragraph("关于报送工作进展的说明")
    document.save(o("说明.docx"))
    mail = EmailMessage()
    mail["From"] = "工信局 <gxj@example.gov.cn>"
    mail["To"] = "督查室 <dcs@example.gov.cn>"
    mail["Subject"] = "转发：工信局报送材料"
    mail["Date"] = "Tue, 30 Jun 2020 09:00:00 +0800"
    mail.set_content("附件为我局报送材料。")
    fill(u("工信局"), os.path.join(work, "工信局.xlsx"))
    with open(os.path.join(work, "工信局.xlsx"), "rb") as f:
        mail.add_attachment(f.read(), maintype="application", subtype="octet-stream", filename="工信局.xlsx")
    with open(o("转发-工信局.eml"), "wb") as f:
        f.write(bytes(mail))
    with open(o("资料.rar"), "wb") as f:
        f.write(b"Rar!\x1a\x07\x00" + bytes(range(256)) * 4)
    shutil.copy(os.path.join(units, "分发清单.xlsx"), o("分发清单.xlsx"))
    merged = os.path.join(work, "merged.xlsx")
    subprocess.run([a.tool, "merge", SEED, o("招商局.xlsx"), "-o", merged], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(merged, o("农业农村局.xlsx"))
    fill(u("商务局"), os.path.join(work, "商务局.xlsx"))
    gbk = "商务局.xlsx".encode("gbk")
    placeholder = b"s" * (len(gbk) - 5) + b".xlsx"
    with zipfile.ZipFile(o("打包.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.write(os.path.join(work, "商务局.xlsx"), placeholder.decode("ascii"))
    with open(o("打包.zip"), "rb") as f:
        data = f.read()
    assert data.count(placeholder) == 2
    with open(o("打包.zip"), "wb") as f:
        f.write(data.replace(placeholder, gbk))
    shutil.rmtree(work)
    print(f"wrote {len(os.listdir(OUT))} files to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
