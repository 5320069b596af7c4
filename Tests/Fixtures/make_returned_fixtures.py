#!/usr/bin/env python3
"""Rebuild Tests/Fixtures/returned/: what units send back, one file per real-world mess, made by
real clients (openpyxl fills the split workbooks; LibreOffice re-saves and exports them).

usage: python3 Tests/Fixtures/make_returned_fixtures.py [--tool .build/debug/xlsx-tasks]

The seed is split with --period 2020年第二季度; each unit's file is filled with values derived
from its task ids (see value_for), so the merge tests can predict every merged value.
"""
import argparse
import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Helpers"))
from fill_workbooks import fill_reporter  # noqa: E402  (the reporter block, found by its labels)
SEED = os.path.join(ROOT, "Examples", "taizhengfa-2020-9.txt")
OUT = os.path.join(HERE, "returned")
PERIOD = "2020年第二季度"
HEADER_ROW = 4          # 1-based: title, the line under it, reporter block, header
PROGRESS = ["进展情况", "完成进度（%）", "推进状态", "存在问题", "下一步计划"]
STATES = ["已完成", "序时推进", "滞后", "未启动"]


def percent_for(n):
    """A percentage that agrees with the status of task n: 已完成 is 100, 未启动 is 0."""
    state = STATES[n % 4]
    return 100 if state == "已完成" else 0 if state == "未启动" else min(99, max(1, (n * 7) % 101))


def value_for(task_id, unit):
    """The progress a unit reports for a task: deterministic, so tests can predict it."""
    n = int(task_id.split("-")[1]) + (100 if task_id.startswith("2-") else 0)
    return {
        "进展情况": f"{unit}推进{task_id}",
        "完成进度（%）": percent_for(n),
        "推进状态": STATES[n % 4],
        "存在问题": "无" if n % 3 else f"{task_id}资金不足",
        "下一步计划": f"{unit}继续推进{task_id}",
    }


def fill(src, dst, *, date=dt.date(2020, 6, 30), override=None, edit=None):
    wb = openpyxl.load_workbook(src)
    unit = {p.name: p.value for p in wb.custom_doc_props.props}["xlsx-tasks.unit"]
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or ws.title == "填报说明":
            continue
        header = [c.value for c in ws[HEADER_ROW]]
        col = {name: i + 1 for i, name in enumerate(header)}
        fill_reporter(ws, "李明", "0512-53500000", date)
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            task_id = ws.cell(r, 1).value
            values = value_for(task_id, unit)
            if override:
                values.update(override(task_id) or {})
            for name, v in values.items():
                ws.cell(r, col[name], v)
            if edit and task_id in edit:
                ws.cell(r, col[edit[task_id][0]], edit[task_id][1])
    wb.save(dst)
    return wb


def task_ids(path):
    """The task ids of the first sheet of a split workbook, in order."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    return [ws.cell(r, 1).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]


def soffice(args, cwd):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"] + args,
                       cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def table_rows(path, sheet_index=0):
    ws = openpyxl.load_workbook(path).worksheets[sheet_index]
    return [["" if c.value is None else (c.value.isoformat()[:10] if isinstance(c.value, dt.date) else c.value)
             for c in row] for row in ws.iter_rows()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default=os.path.join(ROOT, ".build", "debug", "xlsx-tasks"))
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="fixtures-")
    units = os.path.join(work, "units")
    subprocess.run([a.tool, "split", SEED, "-o", units, "--period", PERIOD], check=True, stdout=subprocess.DEVNULL)
    first_quarter = os.path.join(work, "q1")
    subprocess.run([a.tool, "split", SEED, "-o", first_quarter, "--period", "2020年第一季度"], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    u = lambda name: os.path.join(units, name + ".xlsx")
    o = lambda name: os.path.join(OUT, name)

    # 1. Filled with openpyxl, as sent.
    fill(u("工信局"), o("工信局.xlsx"))
    # 2. The same kind of file re-saved by LibreOffice Calc.
    fill(u("商务局"), os.path.join(work, "商务局.xlsx"))
    soffice(["--convert-to", "xlsx", "--outdir", os.path.join(work, "lo"), os.path.join(work, "商务局.xlsx")], work)
    shutil.copy(os.path.join(work, "lo", "商务局.xlsx"), o("商务局-LibreOffice另存.xlsx"))
    # 3. CSV saved by a Chinese Excel: GBK, CRLF, no BOM (whole sheet, title rows included).
    fill(u("科技局"), os.path.join(work, "科技局.xlsx"))
    with open(o("科技局.csv"), "w", encoding="gbk", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(table_rows(os.path.join(work, "科技局.xlsx")))
    # 4. CSV in UTF-8 with a BOM, renamed with the unit in the name only, title rows deleted.
    fill(u("人社局"), os.path.join(work, "人社局.xlsx"))
    with open(o("附件1-人社局（已填报）.csv"), "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(table_rows(os.path.join(work, "人社局.xlsx"))[HEADER_ROW - 1:])
    # 5. "Unicode text" written by LibreOffice: UTF-16, tab-separated.
    fill(u("招商局"), os.path.join(work, "招商局.xlsx"))
    soffice(["--convert-to", "txt:Text - txt - csv (StarCalc):9,34,65535,1", "--outdir", os.path.join(work, "lo"),
             os.path.join(work, "招商局.xlsx")], work)
    shutil.copy(os.path.join(work, "lo", "招商局.txt"), o("招商局.txt"))
    # 6. Rows sorted (reversed) and a blank row and an extra column inserted.
    wb = fill(u("住建局"), os.path.join(work, "住建局.xlsx"))
    for ws in wb.worksheets[:2]:
        if ws.title in ("填报说明", "_xlsx_tasks"):
            continue
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
        for r, values in enumerate(reversed(rows), HEADER_ROW + 1):
            for c, v in enumerate(values, 1):
                ws.cell(r, c, v)
        ws.insert_rows(HEADER_ROW + 1)
        ws.insert_cols(2)
        ws.cell(HEADER_ROW, 2, "备注（单位自加）")
        ws.cell(HEADER_ROW + 2, 2, "自加列的内容")
    wb.save(o("住建局.xlsx"))
    # 7. The 编号 column deleted: rows are matched by their task text.
    wb = fill(u("农业农村局"), os.path.join(work, "农业农村局.xlsx"))
    wb.worksheets[0].delete_cols(1)
    wb.save(o("农业农村局.xlsx"))
    # 8. Percent forms, an invalid status, an out-of-range and an unparseable percentage, and a
    #    required column left empty, on the unit's first seven tasks.
    ids = task_ids(u("生态环境局"))
    forms = dict(zip(ids, ["80%", "８０", 0.8, 120, "约一半"]))

    def percents(task_id):
        change = {}
        if task_id in forms:
            change["完成进度（%）"] = forms[task_id]
        if task_id == ids[5]:
            change["推进状态"] = "进行中"
        if task_id == ids[6]:
            change["进展情况"] = None
        return change
    wb = fill(u("生态环境局"), os.path.join(work, "生态环境局.xlsx"), override=percents)
    ws = wb.worksheets[0]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, 1).value == ids[2]:
            ws.cell(r, 9).number_format = "0%"
    wb.save(o("生态环境局.xlsx"))
    # 9. An edited locked task text and the sheet protection removed.
    wb = fill(u("交运局"), os.path.join(work, "交运局.xlsx"), edit={task_ids(u("交运局"))[0]: ("内容和要求", "单位改过的任务内容")})
    wb.worksheets[0].protection.sheet = False
    wb.save(o("交运局.xlsx"))
    # 10. A unit that sent twice: the older file (填报日期 6月20日) differs in one value.
    fill(u("发改委"), o("发改委-第一次报送.xlsx"), date=dt.date(2020, 6, 20),
         override=lambda t: {"进展情况": "旧的进展"} if t == "1-001" else None)
    fill(u("发改委"), o("发改委-更正.xlsx"), date=dt.date(2020, 6, 30))
    # 11. A file from another period.
    fill(os.path.join(first_quarter, "统计局.xlsx"), o("统计局.xlsx"))
    # 12. Rows that are not the unit's, duplicated and unknown (公安局's file).
    wb = fill(u("公安局"), os.path.join(work, "公安局.xlsx"))
    ws = wb.worksheets[0]
    last = ws.max_row
    for offset, (task_id, note) in enumerate([("1-001", "冒填他人任务"), ("9-999", "不存在的任务")], 1):
        ws.cell(last + offset, 1, task_id)
        ws.cell(last + offset, 8, note)
    first = [c.value for c in ws[HEADER_ROW + 1]]
    for c, v in enumerate(first, 1):
        ws.cell(last + 3, c, v)
    ws.cell(last + 3, 8, "重复的一行")
    wb.save(o("公安局.xlsx"))
    # 13. Bad files: truncated, not a spreadsheet, empty, HTML named .xls.
    with open(o("工信局.xlsx"), "rb") as f:
        data = f.read()
    with open(o("水务局-传输中断.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(o("会议通知.xlsx"), "w", encoding="utf-8") as f:
        f.write("关于召开推进会的通知\n请各单位准时参加。\n")
    open(o("空文件.xlsx"), "wb").close()
    with open(o("报表.xls"), "w", encoding="utf-8") as f:
        f.write("<html><body><table><tr><td>编号</td></tr></table></body></html>\n")
    # Files a mail client or Office leaves behind, to be skipped.
    open(o(".DS_Store"), "wb").close()
    open(o("~$工信局.xlsx"), "wb").close()
    shutil.rmtree(work)
    print(f"wrote {len(os.listdir(OUT))} files to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
