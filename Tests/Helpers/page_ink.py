#!/usr/bin/env python3
"""How much is drawn on a PDF page below a given text, as a reader sees the page: the page is
rendered by pdftoppm (grey, 40 dpi) and the share of dark pixels between the bottom of TEXT's
last word and the footer band is printed. Text a PDF holds but clips away (a chart LibreOffice
clips at a page break) draws nothing and counts nothing, unlike pdftotext.

usage: page_ink.py PDF PAGE TEXT"""
import re
import subprocess
import sys

pdf, page, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
boxes = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-"], capture_output=True, text=True).stdout
height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes).group(1))
words = re.findall(r'yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)
bottoms = [float(y) for y, word in words if text in word]
if not bottoms:
    sys.exit(f"{text} is not on page {page}")
ppm = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "40", "-gray", pdf], capture_output=True).stdout
# P5 header: magic, width, height, maxval, then one byte a pixel.
fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", ppm)
width, rows = int(fields.group(1)), int(fields.group(2))
pixels = ppm[fields.end():]
top = int((max(bottoms) + 8) / height * rows)
bottom = int((height - 60) / height * rows)
band = pixels[top * width:bottom * width]
dark = sum(1 for value in band if value < 200)
print(f"{dark / max(1, len(band)):.5f}")
