"""Prints, as JSON, what a PDF shows on each page: its paper size, the smallest and largest
character size in points (pdfminer.six: the font size times the text matrix, i.e. the size on
paper after any print scaling), the fonts the characters are drawn in (subset prefix removed),
and the page's text."""
import json
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer, LTTextContainer


def characters(item):
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from characters(child)


pages = []
for page in extract_pages(sys.argv[1]):
    chars = [c for c in characters(page) if c.get_text().strip()]
    sizes = [round(c.size, 2) for c in chars]
    fonts = sorted({c.fontname.split("+", 1)[-1] for c in chars})
    text = "".join(box.get_text() for box in page if isinstance(box, LTTextContainer))
    pages.append({"width": round(page.width), "height": round(page.height),
                  "smallest": min(sizes) if sizes else None, "largest": max(sizes) if sizes else None,
                  "characters": len(sizes), "fonts": fonts, "text": text})
json.dump({"pages": pages}, sys.stdout, ensure_ascii=False)
