"""Prints, as JSON, the printed size of the text in a PDF: for each page its paper size and the
smallest and largest character size in points (pdfminer.six: the font size times the text
matrix, i.e. the size on paper after any print scaling)."""
import json
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer


def characters(item):
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from characters(child)


pages = []
for page in extract_pages(sys.argv[1]):
    sizes = [round(c.size, 2) for c in characters(page) if c.get_text().strip()]
    pages.append({"width": round(page.width), "height": round(page.height),
                  "smallest": min(sizes) if sizes else None, "largest": max(sizes) if sizes else None,
                  "characters": len(sizes)})
json.dump({"pages": pages}, sys.stdout)
