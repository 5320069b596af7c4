#!/usr/bin/env python3
"""What an attacker on the page's own HTTP would try, with Python's http.client (an independent
client). Prints one JSON object of what the server answered; the test asserts on it.

usage: web_security.py local URL WORKSPACE          (a loopback server over WORKSPACE, no round open yet,
                                                     started with --max-file-mb 1 --max-files 3)
       web_security.py remote URL TOKEN             (a server on a non-loopback address)"""
import http.client
import json
import re
import socket
import sys
import time
import urllib.parse

mode, url = sys.argv[1], sys.argv[2]
parsed = urllib.parse.urlparse(url)
host, port = "127.0.0.1", parsed.port


def request(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), data.decode("utf-8", "replace")


def csrf():
    _, _, page = request("GET", "/round")
    return re.search(r'name="csrf-token" content="([0-9a-f]+)"', page).group(1)


def upload(name, data, token, batch="b1"):
    headers = {"X-File-Name": urllib.parse.quote(name), "Content-Type": "application/octet-stream"}
    if token:
        headers["X-CSRF-Token"] = token
    status, _, body = request("POST", "/collect/upload?batch=" + batch, body=data, headers=headers)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, {"html": body[:300]}


seen = {}
if mode == "local":
    status, headers, _ = request("GET", "/")
    seen["home"] = status
    seen["csp"] = headers.get("Content-Security-Policy", "")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    seen["open_without_csrf"] = request("POST", "/round/open", "label=R1", form)[0]
    seen["open_wrong_csrf"] = request("POST", "/round/open", "label=R1&csrf=" + "0" * 48, form)[0]
    token = csrf()
    seen["open_with_csrf"] = request("POST", "/round/open", "label=R1&csrf=" + token, form)[0]
    # The round's workbooks, filled as units fill them (openpyxl).
    import os, subprocess, tempfile
    filled = tempfile.mkdtemp()
    subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fill_workbooks.py"),
                    os.path.join(sys.argv[3], "rounds", "R1", "outbox"), filled], check=True, stdout=subprocess.DEVNULL)
    books = sorted(os.path.join(filled, name) for name in os.listdir(filled))
    workbook = open(books[0], "rb").read()
    _, _, board = request("GET", "/status")
    seen["board_escaped"] = "&lt;script&gt;" in board
    seen["board_raw_script"] = "<script>统计局" in board
    scripts = re.findall(r"<script[^>]*>", board)
    seen["board_scripts"] = scripts
    unit = urllib.parse.quote("<script>统计局<", safe="")
    status, _, page = request("GET", "/units/" + unit)
    seen["unit_page"] = status
    seen["unit_escaped"] = "<h1>&lt;script&gt;统计局&lt;</h1>" in page
    seen["upload_without_csrf"] = upload("a.xlsx", workbook, None)[0]
    status, answer = upload("../../逃逸.xlsx", workbook, token)
    seen["traversal"] = {"status": status, "paths": [f["path"] for f in answer.get("files", [])]}
    status, answer = upload("大文件.xlsx", b"x" * (2 << 20), token, batch="big")
    seen["oversize"] = {"status": status, "error": answer.get("error", "")}
    counts = [upload(f"第{n}个.csv", b"a,b\n", token, batch="many")[0] for n in range(4)]
    seen["batch_limit"] = counts
    # A body cut off midway: the connection closes after a part of what Content-Length promised.
    raw = socket.create_connection((host, port))
    raw.sendall(("POST /collect/upload?batch=cut HTTP/1.1\r\nHost: 127.0.0.1\r\nX-CSRF-Token: %s\r\n"
                 "X-File-Name: %s\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n"
                 % (token, urllib.parse.quote("中断.xlsx"), len(workbook))).encode() + workbook[: len(workbook) // 3])
    time.sleep(0.3)
    raw.close()
    time.sleep(1.0)
    # The downloads of 本期: the drafts as one zip, one unit's workbook by its (HTML-laden) name.
    import io, zipfile
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request("GET", "/round/mail.zip")
    answer = connection.getresponse()
    drafts = zipfile.ZipFile(io.BytesIO(answer.read())).namelist() if answer.status == 200 else []
    seen["mail_zip"] = {"status": answer.status, "eml": len([n for n in drafts if n.endswith(".eml")])}
    connection.request("GET", "/round/outbox/" + urllib.parse.quote("<script>统计局<", safe=""))
    answer = connection.getresponse()
    body = answer.read()
    seen["outbox_unit"] = {"status": answer.status, "zip": body[:2] == b"PK", "disposition": answer.getheader("Content-Disposition", "")}
    connection.close()
    seen["outbox_traversal"] = request("GET", "/round/outbox/" + urllib.parse.quote("../../xlsx-tasks.sqlite", safe=""))[0]
    seen["static_traversal"] = request("GET", "/static/" + urllib.parse.quote("../../Package.swift", safe=""))[0]
    seen["static_css"] = request("GET", "/static/web.css")[0]
    # Two browsers at once: both files collected.
    import threading
    results = {}
    def send(name, path, batch):
        results[name] = upload(name, open(path, "rb").read(), token, batch=batch)
    threads = [threading.Thread(target=send, args=(n, p, b)) for n, p, b in (("甲.xlsx", books[1], "one"), ("乙.xlsx", books[2], "two"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seen["concurrent"] = {name: [f["status"] for f in answer.get("files", [])] for name, (status, answer) in results.items()}
else:
    secret = sys.argv[3]
    seen["home_without_token"] = request("GET", "/")[0]
    seen["status_without_token"] = request("GET", "/status")[0]
    seen["post_without_token"] = request("POST", "/round/open", "label=x", {"Content-Type": "application/x-www-form-urlencoded"})[0]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    seen["login_wrong"] = request("POST", "/login", "token=wrong-token-123", form)[0]
    status, headers, _ = request("POST", "/login", "token=" + urllib.parse.quote(secret), form)
    seen["login_right"] = status
    cookie = headers.get("Set-Cookie", "")
    seen["cookie_flags"] = {"httponly": "HttpOnly" in cookie, "samesite": "SameSite=Strict" in cookie, "has_token": secret in cookie}
    seen["home_with_cookie"] = request("GET", "/", headers={"Cookie": cookie.split(";")[0]})[0]
    seen["home_with_forged_cookie"] = request("GET", "/", headers={"Cookie": "xlsx_tasks_session=" + "a" * 64})[0]
print(json.dumps(seen, ensure_ascii=False))
