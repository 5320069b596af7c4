#!/usr/bin/env python3
"""Parse .eml files with Python's email package (the standard library's own parser, independent
of ours) and print what a mail client would show, as JSON: {file: {"subject", "from", "to",
"cc", "message_id", "x_unsent", "body", "attachments": [{"name", "type", "sha256"}],
"raw_header_lines": [...], "ascii": bool, "longest_line": int}}.

usage: parse_eml.py FILE..."""
import email
import email.policy
import hashlib
import json
import sys


def main():
    out = {}
    for path in sys.argv[1:]:
        raw = open(path, "rb").read()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        lines = raw.split(b"\r\n")
        head = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        attachments = []
        body = ""
        for part in message.walk():
            if part.get_content_maintype() == "multipart":
                continue
            if part.get_filename():
                data = part.get_payload(decode=True)
                attachments.append({"name": part.get_filename(), "type": part.get_content_type(),
                                    "sha256": hashlib.sha256(data).hexdigest(),
                                    "name_param": part.get_param("name")})
            elif part.get_content_type() == "text/plain":
                body = part.get_content()
        out[path] = {
            "subject": str(message["subject"]), "from": str(message["from"] or ""), "to": str(message["to"] or ""),
            "cc": str(message["cc"] or ""), "message_id": str(message["message-id"]), "x_unsent": message["x-unsent"],
            "body": body, "attachments": attachments,
            "raw_header_lines": [line.decode("ascii", "replace") for line in head],
            "ascii": all(b < 0x80 for b in raw.split(b"\r\n\r\n", 1)[0]) and all(
                b < 0x80 for line in lines if line.lower().startswith((b"content-", b"subject", b"to:", b"from:")) for b in line),
            "longest_line": max(len(line) for line in lines),
            "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
