#!/usr/bin/env python3
"""Read a unit workbook's task sheets with openpyxl, as a unit's Excel would show them: the
header row, and per task row (by 编号) each column's value and whether its cell is locked.

usage: task_rows.py WORKBOOK
Prints {sheet: {"protected": bool, "header": [...], "rows": {id: {column: [value, locked, fill]}}}}."""
import json
import sys

import openpyxl

HEADER_ROW = 4


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or ws.title == "填报说明":
            continue
        header = [c.value for c in ws[HEADER_ROW]]
        rows = {}
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            task = ws.cell(r, 1).value
            if not task:
                continue
            rows[task] = {name: [ws.cell(r, i + 1).value, ws.cell(r, i + 1).protection.locked,
                                 ws.cell(r, i + 1).fill.fgColor.rgb if ws.cell(r, i + 1).fill.fill_type else None]
                          for i, name in enumerate(header) if name}
        out[ws.title] = {"protected": bool(ws.protection.sheet), "header": header, "rows": rows}
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
