#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd): STARTTLS required before AUTH,
AUTH LOGIN/PLAIN with one user, every message accepted saved as OUT/<n>.eml with its envelope in
OUT/<n>.json. Writes the port it listens on to PORTFILE, then serves until killed.

usage: smtp_server.py CERT KEY PORTFILE OUT USER PASSWORD"""
import asyncio
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

cert, key, portfile, out, user, password = sys.argv[1:7]
os.makedirs(out, exist_ok=True)
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


class Handler:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        base = os.path.join(out, f"{Handler.count:04d}")
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None}, f)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    # handled=False: aiosmtpd answers 535 itself (with the default True it answers nothing).
    return AuthResult(success=ok, handled=False)


with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=authenticator, auth_required=True, auth_require_tls=True)
controller.start()
with open(portfile + ".partial", "w") as f:
    f.write(str(port))
os.rename(portfile + ".partial", portfile)
try:
    asyncio.get_event_loop().run_forever()
except KeyboardInterrupt:
    pass
