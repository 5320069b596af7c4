#!/usr/bin/env python3
"""Fill split workbooks as a unit would, with openpyxl: every task row gets progress values in
the unlocked cells, the reporter block is filled, and the file is saved under OUT_DIR.

usage: fill_workbooks.py IN_DIR OUT_DIR [ROUND [DATE]]
ROUND (default 0) shifts every value, so that a later round reports something else: percents
grow by 10 a round (capped at 100), statuses move on, texts name the round; DATE (YYYY-MM-DD,
default 2020-06-30) is the 填报日期. Prints one JSON object: {file: {"unit", "rows": [[sheet, row, id, values...]]}} so tests can
check that each value arrives where it should. Values are deterministic."""
import datetime as dt
import json
import os
import sys

import openpyxl

HEADER_ROW = 4          # 1-based: title, the line under it, reporter block, header
STATES = ["已完成", "序时推进", "滞后", "未启动"]


def fill_reporter(ws, name, phone, date):
    """The reporter block: each blank is the cell right of its label (填报人：…) above the header."""
    values = {"填报人：": name, "联系电话：": phone, "填报日期：": date}
    for row in ws.iter_rows(min_row=1, max_row=HEADER_ROW - 1):
        for cell in row:
            if cell.value in values:
                ws.cell(cell.row, cell.column + 1, values[cell.value])


def fill(path, out_path, round_number=0, date=dt.date(2020, 6, 30)):
    wb = openpyxl.load_workbook(path)
    unit = {p.name: p.value for p in wb.custom_doc_props.props}.get("xlsx-tasks.unit")
    rows = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or ws.title == "填报说明":
            continue
        header = [c.value for c in ws[HEADER_ROW]]
        col = {name: i + 1 for i, name in enumerate(header)}
        fill_reporter(ws, "张三", "0512-53500000", date)
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            task_id = ws.cell(r, col["编号"]).value
            if not task_id:
                continue
            n = r - HEADER_ROW
            state = STATES[(n + round_number) % 4]
            # A percentage that agrees with the status (已完成 100, 未启动 0).
            pct = 100 if state == "已完成" else 0 if state == "未启动" else min(99, max(1, (n * 37) % 101 + 10 * round_number))
            text = f"{unit}：{task_id}进展顺利，第{n}项" + (f"（第{round_number}期）" if round_number else "")
            values = {
                "进展情况": text,
                "完成进度（%）": pct,
                "推进状态": state,
                "存在问题": "无" if n % 3 else f"{task_id}资金缺口",
                "下一步计划": f"继续推进{task_id}",
            }
            for name, v in values.items():
                ws.cell(r, col[name], v)
            rows.append([ws.title, r, task_id] + list(values.values()))
    wb.save(out_path)
    return unit, rows


def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    out = {}
    for name in sorted(os.listdir(src)):
        if not name.endswith(".xlsx") or name == "分发清单.xlsx":
            continue
        round_number = int(sys.argv[3]) if len(sys.argv) > 3 else 0
        date = dt.date.fromisoformat(sys.argv[4]) if len(sys.argv) > 4 else dt.date(2020, 6, 30)
        unit, rows = fill(os.path.join(src, name), os.path.join(dst, name), round_number, date)
        out[name] = {"unit": unit, "rows": rows}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
