#!/usr/bin/env python3
"""Rebuilds the Word fixtures in Tests/Fixtures/docx/ with python-docx (a real .docx writer).

    pip install python-docx==1.1.2
    swift build --product xlsx-tasks-bench
    python3 Tests/Fixtures/make_docx_fixtures.py .build/debug/xlsx-tasks-bench

- seed.docx: the seed document (Examples/taizhengfa-2020-9.txt) as Word would hold it. The text
  export's tables are read by our reader's raw dump (`xlsx-tasks-bench raw`), and every empty cell
  under a filled one becomes a real vertical merge (w:vMerge) with that cell; multi-line cells are
  paragraphs; the header row repeats on every page (w:tblHeader).
- rules.docx: one small table with every construct the reader must handle: horizontal merges
  (w:gridSpan), vertical merges, paragraphs and w:br in a cell, w:tab, a bookmark, a field code, a
  tracked deletion and insertion, a nested table; title paragraphs before it.
- variant.docx (and its text-export twin variant.txt, written here too): columns 序号 | 重点任务 |
  责任领导 | 牵头单位 | 配合单位 | 完成时限, units on one line separated by 、 or ，, the header
  repeated after a page break, specific related units next to generic phrases.
- two-row-header.docx: the same tasks under a two-row header (责任单位 spanning 牵头单位 | 配合单位),
  both header rows typed again half way down.
"""
import json
import subprocess
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
OUT = HERE / "docx"
ROOT = HERE.parent.parent


def set_cell_lines(cell, lines):
    """The cell's text as one paragraph per line (python-docx starts a cell with one empty paragraph)."""
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.add_run(line)


def repeat_header(row):
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    properties.append(flag)


def seed(bench_tool):
    raw = json.loads(subprocess.run([bench_tool, "raw", str(ROOT / "Examples" / "taizhengfa-2020-9.txt")],
                                    check=True, capture_output=True).stdout)
    document = Document()
    document.add_paragraph(raw["documentNumber"])
    document.add_paragraph(raw["title"])
    document.add_paragraph("各镇人民政府，太仓港经济技术开发区、科教新城管委会，市各委办局，各直属单位：")
    for number, table in enumerate(raw["tables"], 1):
        document.add_paragraph(f"附件{number}")
        document.add_paragraph(table["title"])
        width = len(table["header"])
        grid = document.add_table(rows=1 + len(table["rows"]), cols=width)
        grid.style = "Table Grid"
        for column, name in enumerate(table["header"]):
            set_cell_lines(grid.cell(0, column), [name])
        repeat_header(grid.rows[0])
        rows = [row + [[]] * (width - len(row)) for row in table["rows"]]
        for column in range(width):
            # Runs of empty cells under a filled one are one merged cell in Word.
            start = None
            for index, row in enumerate(rows + [["end"] * width]):
                filled = any(line.strip() for line in row[column])
                if filled or index == len(rows):
                    if start is not None and index - 1 > start:
                        grid.cell(1 + start, column).merge(grid.cell(index, column))
                    start = index if index < len(rows) else None
            for index, row in enumerate(rows):
                lines = [line for line in row[column] if line.strip()]
                if lines:
                    set_cell_lines(grid.cell(1 + index, column), lines)
        document.add_paragraph("")
    document.save(OUT / "seed.docx")


def run_with(paragraph, element):
    run = paragraph.add_run()
    run._r.append(element)
    return run


def tracked(change, text_tag, text, change_id):
    """A tracked change (w:del or w:ins) holding one run of text."""
    element = OxmlElement(change)
    element.set(qn("w:id"), str(change_id))
    element.set(qn("w:author"), "审核")
    run = OxmlElement("w:r")
    content = OxmlElement(text_tag)
    content.text = text
    run.append(content)
    element.append(run)
    return element


def rules():
    document = Document()
    document.add_paragraph("测试政发〔2021〕3号")
    document.add_paragraph("关于测试任务分解的通知")
    document.add_paragraph("附件1")
    document.add_paragraph("规则测试表")
    table = document.add_table(rows=5, cols=5)
    table.style = "Table Grid"
    for column, name in enumerate(["门类", "项目", "内容和要求", "主要责任单位", "相关单位"]):
        set_cell_lines(table.cell(0, column), [name])
    # Row 1: category merged down over rows 1-3 (w:vMerge); a cell with two paragraphs and a w:br.
    table.cell(1, 0).merge(table.cell(3, 0))
    set_cell_lines(table.cell(1, 0), ["一、改革"])
    set_cell_lines(table.cell(1, 1), ["项目甲"])
    cell = table.cell(1, 2)
    paragraph = cell.paragraphs[0]
    paragraph.add_run("第一段")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("换行后")
    cell.add_paragraph("第二段")
    set_cell_lines(table.cell(1, 3), ["发改委"])
    set_cell_lines(table.cell(1, 4), ["财政局、各镇（区）"])
    # Row 2: project merged down over rows 2-3; a tab, a bookmark and a field code in the content.
    table.cell(2, 1).merge(table.cell(3, 1))
    set_cell_lines(table.cell(2, 1), ["项目乙"])
    paragraph = table.cell(2, 2).paragraphs[0]
    # Tab stops in the paragraph's properties are not text.
    paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(72))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), "OLE_LINK1")
    paragraph._p.append(start)
    paragraph.add_run("完成")
    run_with(paragraph, OxmlElement("w:tab"))
    paragraph.add_run("目标")
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(paragraph, begin)
    code = OxmlElement("w:instrText")
    code.text = " PAGE \\* MERGEFORMAT "
    run_with(paragraph, code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(paragraph, separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(paragraph, end)
    stop = OxmlElement("w:bookmarkEnd")
    stop.set(qn("w:id"), "0")
    paragraph._p.append(stop)
    set_cell_lines(table.cell(2, 3), ["工信局"])
    # Row 3: a tracked deletion and insertion in the units cell.
    paragraph = table.cell(3, 2).paragraphs[0]
    paragraph.add_run("保持")
    paragraph._p.append(tracked("w:del", "w:delText", "删除的字", 1))
    paragraph._p.append(tracked("w:ins", "w:t", "插入的字", 2))
    set_cell_lines(table.cell(3, 3), ["商务局"])
    # Row 4: the content spans two grid columns (w:gridSpan); a nested table in the units cell.
    set_cell_lines(table.cell(4, 0), ["二、民生"])
    table.cell(4, 1).merge(table.cell(4, 2))
    set_cell_lines(table.cell(4, 1), ["横向合并的任务"])
    units = table.cell(4, 3)
    set_cell_lines(units, ["教育局"])
    nested = units.add_table(rows=1, cols=1)
    set_cell_lines(nested.cell(0, 0), ["嵌套表内容"])
    document.save(OUT / "rules.docx")


VARIANT_HEADER = ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
VARIANT_ROWS = [
    ["1", "推进老旧小区改造", "张三", "住建局、财政局", "各镇（区）、审计局", "2021年6月"],
    ["2", "建设智慧停车系统", "李四", "公安局，交通局", "各有关部门", "2021年9月"],
    ["3", "实施学前教育提升工程", "王五", "教育局", "财政局", "2021年12月"],
    ["4", "开展河道综合整治", "张三", "水务局", "相关单位，生态环境局", "2021年10月"],
]


def variant():
    document = Document()
    document.add_paragraph("变体政发〔2021〕7号")
    document.add_paragraph("关于印发2021年民生实事分工的通知")
    document.add_paragraph("2021年民生实事分工表")
    first = document.add_table(rows=3, cols=6)
    first.style = "Table Grid"
    for column, name in enumerate(VARIANT_HEADER):
        set_cell_lines(first.cell(0, column), [name])
    for row, values in enumerate(VARIANT_ROWS[:2], 1):
        for column, value in enumerate(values):
            if value:
                set_cell_lines(first.cell(row, column), [value])
    # A page break, then the rest of the table under the same header typed again.
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    second = document.add_table(rows=3, cols=6)
    second.style = "Table Grid"
    for column, name in enumerate(VARIANT_HEADER):
        set_cell_lines(second.cell(0, column), [name])
    for row, values in enumerate(VARIANT_ROWS[2:], 1):
        for column, value in enumerate(values):
            if value:
                set_cell_lines(second.cell(row, column), [value])
    document.save(OUT / "variant.docx")

    # The same document as Word's "save as text" writes it: a cell per tab-started line, a blank
    # line after each row, the header typed again after the page break.
    lines = ["变体政发〔2021〕7号", "", "关于印发2021年民生实事分工的通知", "", "2021年民生实事分工表", ""]
    def table_lines(rows):
        out = ["\t" + name for name in VARIANT_HEADER] + [""]
        for values in rows:
            out += ["\t" + value for value in values] + [""]
        return out
    lines += table_lines(VARIANT_ROWS[:2]) + table_lines(VARIANT_ROWS[2:])
    (OUT / "variant.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def two_row_header():
    """The variant's columns under a two-row header: 责任单位 spans 牵头单位 | 配合单位, the other
    header cells are merged down over both rows."""
    document = Document()
    document.add_paragraph("2021年民生实事分工表（两行表头）")
    # Both header rows typed again after the second task, as after a manual page break.
    table = document.add_table(rows=4 + len(VARIANT_ROWS), cols=6)
    table.style = "Table Grid"

    def header_at(top):
        for column, name in enumerate(["序号", "重点任务", "责任领导"]):
            table.cell(top, column).merge(table.cell(top + 1, column))
            set_cell_lines(table.cell(top, column), [name])
        table.cell(top, 3).merge(table.cell(top, 4))
        set_cell_lines(table.cell(top, 3), ["责任单位"])
        set_cell_lines(table.cell(top + 1, 3), ["牵头单位"])
        set_cell_lines(table.cell(top + 1, 4), ["配合单位"])
        table.cell(top, 5).merge(table.cell(top + 1, 5))
        set_cell_lines(table.cell(top, 5), ["完成时限"])

    header_at(0)
    header_at(4)
    for row, values in zip([2, 3, 6, 7], VARIANT_ROWS):
        for column, value in enumerate(values):
            if value:
                set_cell_lines(table.cell(row, column), [value])
    document.save(OUT / "two-row-header.docx")


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    seed(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "debug" / "xlsx-tasks-bench"))
    rules()
    variant()
    two_row_header()
    print("wrote", ", ".join(sorted(p.name for p in OUT.iterdir())))
