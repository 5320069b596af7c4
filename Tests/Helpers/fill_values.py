#!/usr/bin/env python3
"""Fill chosen progress values into a unit workbook, as a unit would type them (openpyxl):
VALUES is JSON {task id: {column: value}}; other cells stay as they are. REPORTED, if given
(YYYY-MM-DD), is written as 填报日期 (anything else is typed as text, as "4月8日").

usage: fill_values.py IN OUT VALUES [REPORTED]"""
import datetime as dt
import json
import os
import sys

import openpyxl

src, dst, values = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
def reported_value(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


reported = reported_value(sys.argv[4]) if len(sys.argv) > 4 else None
wb = openpyxl.load_workbook(src)
for ws in wb.worksheets:
    if ws.sheet_state != "visible":
        continue
    header = next((r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "编号"), None)
    if header is None:
        continue
    col = {c.value: c.column for c in header if c.value}
    for row in range(header[0].row + 1, ws.max_row + 1):
        for name, value in values.get(ws.cell(row, 1).value, {}).items():
            ws.cell(row, col[name], value)
    for row in ws.iter_rows(min_row=1, max_row=header[0].row - 1):
        for cell in row:
            if cell.value == "填报日期：" and reported:
                ws.cell(cell.row, cell.column + 1, reported)
os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
wb.save(dst)
