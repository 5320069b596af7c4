#!/usr/bin/env python3
"""Seeds for the mail fuzz target (scripts/fuzz.sh): a small .msg (independentsoft-msg) and an
.mbox (Python's mailbox) each carrying a GBK CSV, written into Tests/Fixtures/mail."""
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "mail")
os.makedirs(out, exist_ok=True)
csv = os.path.join(out, "进展.csv")
with open(csv, "wb") as f:
    f.write("编号,完成进度（%）,推进状态\r\n1-001,50,序时推进\r\n".encode("gbk"))
spec = [
    {"kind": "msg", "out": os.path.join(out, "回复.msg"), "from": "财政局 <czj@example.gov.cn>",
     "attachments": [{"path": csv, "name": "财政局进展.csv"}]},
    {"kind": "mbox", "out": os.path.join(out, "导出.mbox"), "messages": [
        {"from": "财政局 <czj@example.gov.cn>", "attachments": [{"path": csv, "name": "财政局进展.csv", "style": "rfc2047", "charset": "gbk"}]},
        {"from": "发改委 <fgw@example.gov.cn>", "attachments": [{"path": csv, "name": "发改委进展.csv"}]}]},
]
subprocess.run([sys.executable, os.path.join(here, "..", "Helpers", "make_replies.py")], input=json.dumps(spec).encode(), check=True,
               stdout=subprocess.DEVNULL)
os.remove(csv)
