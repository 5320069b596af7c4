"""Saves a copy of a returned workbook with one progress value changed on its first task row
and a later 填报日期, as a unit correcting its file would.

usage: edit_cell.py IN OUT COLUMN VALUE YYYY-MM-DD"""
import datetime as dt
import os
import sys

import openpyxl

src, dst, column, value, date = sys.argv[1:6]
wb = openpyxl.load_workbook(src)
ws = next(w for w in wb.worksheets if w.sheet_state == "visible")
header = next(r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "编号")
col = [c.value for c in header].index(column) + 1
ws.cell(header[0].row + 1, col, value)
for row in ws.iter_rows(min_row=1, max_row=header[0].row - 1):
    for cell in row:
        if cell.value == "填报日期：":
            ws.cell(cell.row, cell.column + 1, dt.date.fromisoformat(date))
os.makedirs(os.path.dirname(dst), exist_ok=True)
wb.save(dst)
