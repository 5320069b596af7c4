#!/usr/bin/env python3
"""Fill the contacts workbook `contacts template` writes, as a clerk would (openpyxl): every
unit gets 联系人 and an address; the second unit two addresses and a 抄送; EXTRA (JSON
{unit: {column: value}}) overrides cells.

usage: fill_contacts.py IN OUT [EXTRA]"""
import json
import sys

import openpyxl

src, dst = sys.argv[1], sys.argv[2]
extra = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
wb = openpyxl.load_workbook(src)
ws = wb.worksheets[0]
col = {c.value: c.column for c in ws[1]}
for row in range(2, ws.max_row + 1):
    unit = ws.cell(row, col["单位"]).value
    if not unit or unit.startswith("邮箱、抄送"):
        continue
    n = row - 1
    ws.cell(row, col["联系人"], f"联系人{n}")
    ws.cell(row, col["邮箱"], f"unit{n}@example.gov.cn" if n != 2 else "a2@example.gov.cn；b2@example.gov.cn")
    if n == 2:
        ws.cell(row, col["抄送"], "leader@example.gov.cn")
    ws.cell(row, col["电话"], f"0512-5350{n:04d}")
    for name, value in extra.get(unit, {}).items():
        ws.cell(row, col[name], value)
wb.save(dst)
