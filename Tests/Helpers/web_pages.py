#!/usr/bin/env python3
"""What the clerk reads on the page, with Python's http.client: the 问题 counts, each unit's row of
the 进度 board, a unit page, and what the page answers when a round is opened twice.
Prints one JSON object.

usage: web_pages.py URL UNIT EXISTING_ROUND"""
import html
import http.client
import json
import re
import sys
import urllib.parse

url, unit, existing = sys.argv[1], sys.argv[2], sys.argv[3]
port = urllib.parse.urlparse(url).port


def request(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, data


def text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


out = {}
_, page = request("GET", "/problems")
counts = re.search(r"错误 (\d+) 条.*?警告 (\d+) 条", page)
out["errors"], out["warnings"] = int(counts.group(1)), int(counts.group(2))
_, page = request("GET", "/status")
board = {}
for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page.split('<table id="board">')[1], re.S):
    cells = [text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    if cells:
        board[cells[0]] = cells
out["board"] = board
out["lights"] = text(re.search(r'<p class="lights">(.*?)</p>', page, re.S).group(1)) if 'class="lights"' in page else ""
_, page = request("GET", "/units/" + urllib.parse.quote(unit))
out["unit_page"] = text(page)
_, page = request("GET", "/round")
token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page).group(1)
body = urllib.parse.urlencode({"csrf": token, "label": existing, "due": ""})
status, page = request("POST", "/round/open", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
out["open_again"] = {"status": status, "text": text(page), "navigation": 'href="/status"' in page}
json.dump(out, sys.stdout, ensure_ascii=False)
