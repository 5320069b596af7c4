#!/usr/bin/env python3
"""List every non-empty value typed into a progress column of the returned files, read with
independent readers (openpyxl for .xlsx, Python's csv for text in UTF-8/UTF-16/GBK), so a test can
check that each one reached the merged workbook or its 问题清单.

usage: typed_values.py FILE...                       → JSON [{"file", "row", "task", "column", "value"}]
       typed_values.py --lost-in MERGED.xlsx FILE...  → the typed values found neither in the merged
                                                        workbook's 分单位明细 nor in its 问题清单
A file its 收文清单 lists as 未采用 (rejected whole, with the reason: another period, not a
spreadsheet) is not counted: none of its values belong to the round."""
import csv
import datetime as dt
import json
import sys

import openpyxl

PROGRESS = ["进展情况", "完成进度（%）", "推进状态", "存在问题", "下一步计划"]


def text(v):
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def grids(path):
    if path.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            if ws.sheet_state == "visible":
                yield [[c.value for c in row] for row in ws.iter_rows()], {
                    (c.row, c.column): c.number_format for row in ws.iter_rows() for c in row}
        return
    raw = open(path, "rb").read()
    for encoding in ("utf-8-sig", "utf-16", "gbk"):
        try:
            data = raw.decode(encoding) if not (encoding == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff")) else None
        except UnicodeDecodeError:
            continue
        if data is not None:
            break
    delimiter = "\t" if "\t" in data.split("\n", 3)[-1] else ","
    yield [row for row in csv.reader(data.splitlines(), delimiter=delimiter)], {}


def key(value):
    """Numbers compare as numbers ("80%", "８０", 80.0 are all 80); text as written."""
    t = text(value).translate({0xFF05: "%", **{0xFF10 + d: 0x30 + d for d in range(10)}}).rstrip("%")
    try:
        return repr(float(t))
    except ValueError:
        return text(value)


def table(ws):
    """The rows from the header on (a title and a line under it come first)."""
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    start = next((i for i, r in enumerate(rows) if r and r[0] in ("编号", "序号")), 0)
    return rows[start:]


def found_in(merged):
    wb = openpyxl.load_workbook(merged)
    seen = set()
    detail = table(wb["分单位明细"])
    head = detail[0]
    for row in detail[1:]:
        for name in PROGRESS:
            v = row[head.index(name)]
            if text(v):
                seen.add((row[0], name, key(v)))
                seen.add(("", name, key(v)))
    problems = table(wb["问题清单"])
    head = problems[0]
    for row in problems[1:]:
        task, column, value = row[head.index("编号")] or "", row[head.index("列")] or "", row[head.index("值")]
        if text(value):
            seen.add((task, column, key(value)))
            seen.add(("", column, key(value)))
    files = table(wb["收文清单"])
    head = files[0]
    rejected = {row[head.index("文件")] for row in files[1:] if row[head.index("状态")] == "未采用"}
    return seen, rejected


def main():
    args = sys.argv[1:]
    merged = None
    if args and args[0] == "--lost-in":
        merged, args = args[1], args[2:]
    out = []
    for path in args:
        try:
            list(grids(path))
        except Exception:
            continue  # a file no reader can open (truncated, not a spreadsheet) holds nothing to lose
        for rows, formats in grids(path):
            header_at = next((i for i, r in enumerate(rows) if "进展情况" in [text(v) for v in r]), None)
            if header_at is None:
                continue
            header = [text(v) for v in rows[header_at]]
            id_col = header.index("编号") if "编号" in header else None
            for i, row in enumerate(rows[header_at + 1:], header_at + 2):
                for name in PROGRESS:
                    if name not in header:
                        continue
                    c = header.index(name)
                    value = row[c] if c < len(row) else None
                    if text(value) == "":
                        continue
                    if isinstance(value, float) and "%" in formats.get((i, c + 1), ""):
                        value = value * 100
                    out.append({"file": path, "row": i, "task": text(row[id_col]) if id_col is not None and id_col < len(row) else "",
                                "column": name, "value": text(value)})
    if merged:
        seen, rejected = found_in(merged)
        out = [v for v in out if (v["task"], v["column"], key(v["value"])) not in seen
               and not any(v["file"].endswith("/" + name) or v["file"] == name for name in rejected)]
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
