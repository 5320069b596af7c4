"""Prints, as JSON, the height openpyxl reads for every row of the visible sheets that has a
cell with text, with the number of lines the most-lined cell has by its own line breaks:
[[sheet, row, height, lines], ...] (height 0 when the file sets none)."""
import json
import sys

import openpyxl

rows = []
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    if ws.sheet_state != "visible":
        continue
    for row in ws.iter_rows(min_row=3):
        texts = [str(c.value) for c in row if c.value is not None]
        if not texts:
            continue
        lines = max(t.count("\n") + 1 for t in texts)
        height = ws.row_dimensions[row[0].row].height or 0
        rows.append([ws.title, row[0].row, height, lines])
json.dump(rows, sys.stdout, ensure_ascii=False)
