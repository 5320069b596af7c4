#!/usr/bin/env python3
"""Write the replies units send, with Python's email package (and independentsoft-msg for
Outlook .msg), from a JSON spec on stdin, so the tests collect mail made by independent code:

  [{"kind": "eml" | "msg" | "mbox", "out": PATH,
    "from": "张三 <a@b.cn>", "subject": "...", "in_reply_to": "<id>", "date": RFC 5322 date,
    "attachments": [{"path": FILE | "csv_from": WORKBOOK (its table as GBK CSV), "name": "名称.xlsx",
                     "style": "rfc2231" (default) | "rfc2047" | "raw",
                     "charset": "utf-8" (default) | "gbk", "cte": "base64" (default) | "quoted-printable"}],
    "forward": false,             # the reply wrapped as message/rfc822 in a mail from "forwarder"
    "forwarder": "李四 <c@d.cn>",
    "messages": [...]}]           # for an mbox: the messages it holds (same fields)

Prints {out: [attachment names as a reader decodes them back]} (extract-msg for .msg)."""
import contextlib
import email
import email.policy
import json
import mailbox
import os
import sys
from email import encoders
from email.header import Header
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid


def csv_from(workbook, charset):
    """A unit's table saved as CSV by a clerk: the header row and the task rows of its first
    table sheet, no title, no properties — nothing in it names the unit."""
    import csv
    import io
    import openpyxl
    book = openpyxl.load_workbook(workbook)
    sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible" and ws.title != "填报说明")
    out = io.StringIO()
    writer = csv.writer(out)
    for row in sheet.iter_rows(min_row=4, values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(charset)


def add_attachment(message, spec):
    data = csv_from(spec["csv_from"], spec.get("csv_charset", "gbk")) if "csv_from" in spec else open(spec["path"], "rb").read()
    name = spec["name"]
    charset = spec.get("charset", "utf-8")
    style = spec.get("style", "rfc2231")
    maintype, subtype = ("text", "csv") if name.endswith(".csv") else ("application", "pdf") if name.endswith(".pdf") \
        else ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    cte = spec.get("cte", "base64")
    if style == "rfc2231":
        # email's own RFC 2231 writer: a long name becomes filename*0*=…; filename*1*=… continuations.
        message.add_attachment(data, maintype=maintype, subtype=subtype, cte=cte,
                               filename=name if charset == "utf-8" else (charset, "", name))
    else:
        raise SystemExit("unknown style " + style)


def build_2047(spec):
    """As Outlook and Foxmail write names: an encoded-word inside the quotes, which only email's
    compat32 API writes as given (the default policy rewrites it as RFC 2231)."""
    message = MIMEMultipart()
    for key, value in (("From", spec.get("from", "单位 <unit@example.cn>")), ("Subject", spec.get("subject", "回复：报送材料"))):
        name, _, address = value.rpartition("<")
        message[key] = (Header(name.strip(), "utf-8").encode() + " <" + address) if key == "From" and name else Header(value, "utf-8").encode()
    message["To"] = "office@example.cn"
    message["Date"] = spec.get("date", formatdate(localtime=False))
    message["Message-ID"] = make_msgid(domain="example.cn")
    if spec.get("in_reply_to"):
        message["In-Reply-To"] = spec["in_reply_to"]
    message.attach(MIMEText("请查收。", "plain", "utf-8"))
    for item in spec.get("attachments", []):
        part = MIMEBase("application", "vnd.ms-excel")
        part.set_payload(csv_from(item["csv_from"], item.get("csv_charset", "gbk")) if "csv_from" in item else open(item["path"], "rb").read())
        if item.get("cte", "base64") == "quoted-printable":
            encoders.encode_quopri(part)
        else:
            encoders.encode_base64(part)
        encoded = Header(item["name"], item.get("charset", "utf-8")).encode()
        part.add_header("Content-Disposition", 'attachment; filename="%s"' % encoded)
        part.set_param("name", encoded)
        message.attach(part)
    return message


def build(spec):
    if any(item.get("style") == "rfc2047" for item in spec.get("attachments", [])):
        return build_2047(spec)
    message = EmailMessage()
    message["From"] = spec.get("from", "单位 <unit@example.cn>")
    message["To"] = "office@example.cn"
    message["Subject"] = spec.get("subject", "回复：报送材料")
    message["Date"] = spec.get("date", formatdate(localtime=False))
    message["Message-ID"] = make_msgid(domain="example.cn")
    if spec.get("in_reply_to"):
        message["In-Reply-To"] = spec["in_reply_to"]
        message["References"] = spec["in_reply_to"]
    # ASCII, so an mbox quotes its "From " line.
    message.set_content(spec.get("body", "Please find our report attached.\nFrom the office of the unit\n"))
    message.make_mixed()
    for attachment in spec.get("attachments", []):
        add_attachment(message, attachment)
    if not spec.get("forward"):
        return message
    outer = EmailMessage()
    outer["From"] = spec.get("forwarder", "转发人 <forward@example.cn>")
    outer["To"] = "office@example.cn"
    outer["Subject"] = "转发：" + spec.get("subject", "报送材料")
    outer["Date"] = formatdate(localtime=False)
    outer["Message-ID"] = make_msgid(domain="example.cn")
    outer.set_content("转发单位的报送材料。")
    outer.add_attachment(message)
    return outer


def decoded_names(raw):
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    names = []
    for part in parsed.walk():
        if part.get_content_type() == "message/rfc822":
            continue
        if part.get_filename():
            names.append(part.get_filename())
    return names


def write_msg(spec):
    import independentsoft.msg as msg
    message = msg.Message()
    message.subject = spec.get("subject", "回复：报送材料")
    name, _, address = spec.get("from", "单位 <unit@example.cn>").rpartition("<")
    message.sender_name = name.strip()
    message.sender_email_address = address.rstrip(">")
    message.sender_smtp_address = address.rstrip(">")
    message.internet_message_id = make_msgid(domain="example.cn")
    if spec.get("in_reply_to"):
        message.in_reply_to = spec["in_reply_to"]
    message.body = "您好，附件为我单位填报材料。"
    message.message_class = "IPM.Note"
    # independentsoft writes 8-bit string properties in UTF-8: say so, as Outlook says its code page.
    message.message_code_page = 65001
    message.internet_code_page = 65001
    for item in spec.get("attachments", []):
        attachment = msg.Attachment(item["path"])
        attachment.file_name = item["name"]
        attachment.long_file_name = item["name"]
        attachment.display_name = item["name"]
        message.attachments.append(attachment)
    message.save(spec["out"])
    import extract_msg
    # independentsoft leaves empty streams pointing at sector 0, a defect extract-msg tolerates when told.
    read = extract_msg.openMsg(spec["out"], errorBehavior=extract_msg.enums.ErrorBehavior.OLE_DEFECT_INCORRECT)
    names = [a.longFilename or a.shortFilename for a in read.attachments]
    read.close()
    return names


def main():
    specs = json.load(sys.stdin)
    result = {}
    for spec in specs:
        if spec["kind"] == "msg":
            with contextlib.redirect_stdout(sys.stderr):  # independentsoft prints an evaluation notice
                result[spec["out"]] = write_msg(spec)
        elif spec["kind"] == "mbox":
            if os.path.exists(spec["out"]):
                os.remove(spec["out"])
            box = mailbox.mbox(spec["out"], create=True)
            names = []
            for inner in spec["messages"]:
                built = build(inner)
                box.add(built)
                names += decoded_names(built.as_bytes())
            box.flush()
            box.close()
            result[spec["out"]] = names
        else:
            raw = build(spec).as_bytes()
            open(spec["out"], "wb").write(raw)
            result[spec["out"]] = decoded_names(raw)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
