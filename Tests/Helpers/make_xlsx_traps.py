#!/usr/bin/env python3
"""Write small hand-made .xlsx files, each showing traps that real files (WPS, Strict OOXML,
odd ZIP writers) contain, for the reader tests. usage: make_xlsx_traps.py OUT_DIR

Every file is built part by part with zipfile, so the XML is exactly what is written here."""
import io
import os
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
S_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
S_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""


def root_rels(rel_ns=REL, custom=True):
    extra = (f'<Relationship Id="rId3" Type="{rel_ns}/custom-properties" Target="docProps/custom.xml"/>'
             if custom else "")
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/>{extra}'
            "</Relationships>")


def workbook_rels(sheets, rel_ns=REL, absolute=False, shared="sharedStrings.xml"):
    prefix = "/xl/" if absolute else ""
    items = "".join(f'<Relationship Id="rId{i + 1}" Type="{rel_ns}/worksheet" Target="{prefix}worksheets/sheet{i + 1}.xml"/>'
                    for i in range(sheets))
    items += f'<Relationship Id="rId90" Type="{rel_ns}/sharedStrings" Target="{prefix}{shared}"/>'
    items += f'<Relationship Id="rId91" Type="{rel_ns}/styles" Target="{prefix}styles.xml"/>'
    items += '<Relationship Id="rId92" Type="http://example.com/hyperlink" Target="http://example.com" TargetMode="External"/>'
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{items}</Relationships>'


STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="&quot;共&quot;0&quot;项&quot;"/></numFmts>
<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="31"/>
<xf numFmtId="57"/><xf numFmtId="9"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>
</styleSheet>"""

CUSTOM = """<?xml version="1.0" encoding="UTF-8"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="xlsx-tasks.unit"><vt:lpwstr>发改委</vt:lpwstr></property>
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="xlsx-tasks.period"><vt:lpwstr>2020年第二季度</vt:lpwstr></property>
</Properties>"""

SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="5" uniqueCount="5">
<si><t>编号</t></si>
<si><r><rPr><b/></rPr><t>进展</t></r><r><t xml:space="preserve"> 情况</t></r></si>
<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>
<si/>
<si><t>A&amp;B&#10;第二行_x000D_尾_x005F_x</t></si>
</sst>"""


def sheet_basic():
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}" xmlns:r="{REL}">
<dimension ref="A1"/>
<sheetData>
<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><r><t>行内</t></r><r><t xml:space="preserve">  文本 </t></r></is></c><c r="B2" t="str"><f>A2&amp;"x"</f><v>行内x</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2"><v xml:space="preserve">42.5</v></c></row>
<row r="4"><c r="A4" s="1"><v>43922</v></c><c r="B4" s="2"><v>43922</v></c><c r="C4" s="3"><v>43922.5</v></c><c r="D4" s="4"><v>43922</v></c><c r="E4" s="5"><v>0.8</v></c><c r="F4" s="6"><v>0.25</v></c><c r="G4" s="7"><v>12</v></c></row>
<row><c><v>1</v></c><c><v>2</v></c><c r="E5"><v>5</v></c><c><v>6</v></c></row>
<row r="7"><c r="B7" t="inlineStr"><is><t>&#x4E2D;&#25991;&lt;&gt;&quot;&apos;</t></is></c><c r="C7"/><c r="D7" t="s"/><c r="E7"><v>-1.25E-3</v></c><c r="F7"><v>123456789012345678901</v></c></row>
</sheetData>
<sheetProtection sheet="1" objects="1" scenarios="1"/>
<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>
</worksheet>"""


def sheet_small(text):
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
            f'<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>')


def workbook(names_states, ns=MAIN, rel_ns=REL, rel_prefix="r", element_prefix="", date1904=False):
    p = f"{element_prefix}:" if element_prefix else ""
    xmlns = f'xmlns:{element_prefix}="{ns}"' if element_prefix else f'xmlns="{ns}"'
    sheets = "".join(
        f'<{p}sheet name="{n}" sheetId="{i + 1}"{" state=" + chr(34) + s + chr(34) if s else ""} {rel_prefix}:id="rId{i + 1}"/>'
        for i, (n, s) in enumerate(names_states))
    pr = f'<{p}workbookPr date1904="1"/>' if date1904 else f"<{p}workbookPr/>"
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}workbook {xmlns} xmlns:{rel_prefix}="{rel_ns}">'
            f"{pr}<{p}sheets>{sheets}</{p}sheets></{p}workbook>")


def write(path, parts, stream=False, zip64=False, backslash=False):
    """stream: write through a non-seekable file so zipfile uses data descriptors."""
    buffer = io.BytesIO()

    class Unseekable(io.RawIOBase):
        def writable(self):
            return True

        def write(self, b):
            return buffer.write(b)

    target = Unseekable() if stream else buffer
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name.replace("/", "\\") if backslash and name.startswith("xl/") else name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=zip64) as f:
                f.write(text.encode("utf-8"))
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    sheets3 = [("任务", ""), ("隐藏", "hidden"), ("_meta", "veryHidden")]
    base = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": root_rels(),
        "docProps/custom.xml": CUSTOM,
        "xl/workbook.xml": workbook(sheets3),
        "xl/_rels/workbook.xml.rels": workbook_rels(3),
        "xl/worksheets/sheet1.xml": sheet_basic(),
        "xl/worksheets/sheet2.xml": sheet_small("隐藏表"),
        "xl/worksheets/sheet3.xml": sheet_small("元数据"),
        "xl/sharedStrings.xml": SHARED,
        "xl/styles.xml": STYLES,
    }
    write(os.path.join(out, "basic.xlsx"), base)

    # Strict OOXML: other namespaces and relationship types, prefixed elements, an unusual
    # relationships prefix, absolute targets.
    strict = dict(base)
    strict["_rels/.rels"] = root_rels(S_REL)
    strict["xl/workbook.xml"] = workbook(sheets3, ns=S_MAIN, rel_ns=S_REL, rel_prefix="relationships", element_prefix="x")
    strict["xl/_rels/workbook.xml.rels"] = workbook_rels(3, rel_ns=S_REL, absolute=True)
    strict["xl/worksheets/sheet1.xml"] = (sheet_basic().replace(f'xmlns="{MAIN}"', f'xmlns:x="{S_MAIN}"')
                                          .replace("<", "<x:").replace("<x:/", "</x:").replace("<x:?", "<?"))
    strict["xl/sharedStrings.xml"] = SHARED.replace(MAIN, S_MAIN)
    write(os.path.join(out, "strict.xlsx"), strict)

    # Part names in another case, Windows backslashes, data descriptors (sizes only in the
    # central directory), and ZIP64 records.
    odd = dict(base)
    odd["xl/SharedStrings.xml"] = odd.pop("xl/sharedStrings.xml")
    odd["xl/_rels/workbook.xml.rels"] = workbook_rels(3, shared="sharedStrings.xml")
    write(os.path.join(out, "oddzip.xlsx"), odd, stream=True, backslash=True)
    write(os.path.join(out, "zip64.xlsx"), base, zip64=True)

    d1904 = dict(base)
    d1904["xl/workbook.xml"] = workbook(sheets3, date1904=True)
    write(os.path.join(out, "date1904.xlsx"), d1904)

    # WPS in-cell image.
    wps = dict(base)
    wps["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="str"><f>_xlfn.DISPIMG("ID_4F2A",1)</f><v>=DISPIMG("ID_4F2A",1)</v></c>'
        '<c r="B1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>')
    wps["xl/cellimages.xml"] = '<?xml version="1.0" encoding="UTF-8"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>'
    write(os.path.join(out, "wps-image.xlsx"), wps)

    # Truncated: the first half of a good file.
    with open(os.path.join(out, "basic.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(out, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    main()
