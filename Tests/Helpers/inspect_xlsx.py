#!/usr/bin/env python3
"""Dump what an independent reader (openpyxl) sees in an .xlsx, as JSON, for the Swift tests:
sheets with state, cell values, locked flags, merged ranges, freeze panes, protection,
data validations, print setup and the custom document properties."""
import datetime as dt
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    return v


def sheet_info(ws):
    rows = []
    locked = []
    for row in ws.iter_rows():
        rows.append([value(c.value) for c in row])
        locked.append([bool(c.protection.locked) for c in row])
    dv = [{
        "sqref": str(d.sqref), "type": d.type, "formula1": d.formula1, "formula2": d.formula2,
        "operator": d.operator, "promptTitle": d.promptTitle, "prompt": d.prompt,
        "errorTitle": d.errorTitle, "error": d.error,
    } for d in ws.data_validations.dataValidation]
    footer = ws.oddFooter.center.text if ws.oddFooter and ws.oddFooter.center else None
    return {
        "title": ws.title,
        "state": ws.sheet_state,
        "rows": rows,
        "locked": locked,
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "freeze": ws.freeze_panes,
        "protected": bool(ws.protection.sheet),
        "hasPassword": bool(ws.protection.password),
        "validations": dv,
        "landscape": ws.page_setup.orientation == "landscape",
        "paperSize": ws.page_setup.paperSize,
        # OOXML: an absent fitToWidth means 1 page wide (libxlsxwriter omits the default).
        "fitToWidth": 1 if ws.page_setup.fitToWidth is None else int(ws.page_setup.fitToWidth),
        "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "printTitleRows": ws.print_title_rows,
        "footer": footer,
        "autofilter": ws.auto_filter.ref,
    }


def workbook_info(path):
    wb = openpyxl.load_workbook(path)
    return {
        "sheets": [sheet_info(ws) for ws in wb.worksheets],
        "custom": {p.name: str(p.value) for p in wb.custom_doc_props.props},
        "title": wb.properties.title,
    }


def main():
    """One file: its description. Several: an object keyed by path (one python start for all)."""
    if len(sys.argv) == 2:
        out = workbook_info(sys.argv[1])
    else:
        out = {path: workbook_info(path) for path in sys.argv[1:]}
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
