"""A local SMTP sink: every e-mail Odoo sends lands as one .eml file in a folder.

    python scripts/mail_sink.py --dir .state/mail [--port 2525] [--port-file FILE]

Listens on 127.0.0.1 only and relays nothing. Each message is written as
``<dir>/<time>-<n>.eml`` (the bytes Odoo sent, openable in any mail program) and listed in
``<dir>/index.html`` (date, from, to, subject, a link to the file), rewritten after each
message. ``--port 0`` takes a free port; ``--port-file`` receives the port once the sink
listens, so a script can wait for it. Runs until SIGINT or SIGTERM.
"""

import argparse
import html
import signal
import socket
import threading
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller

INDEX_ROW = (
    "<tr><td>{date}</td><td>{sender}</td><td>{recipients}</td>"
    '<td><a href="{file}">{subject}</a></td></tr>'
)
INDEX_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Mail sink</title>
<style>body{{font-family:sans-serif}}td,th{{padding:2px 8px;text-align:left}}</style></head>
<body><h1>E-mails sent by Odoo ({count})</h1>
<table><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr>
{rows}
</table></body></html>
"""


class FolderHandler:
    """aiosmtpd handler writing each message into ``folder``."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.count = len(list(self.folder.glob("*.eml")))

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it so
        with self.lock:
            self.count += 1
            name = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{self.count}.eml"
            (self.folder / name).write_bytes(envelope.original_content or envelope.content)
            self.write_index()
        return "250 Message accepted for delivery"

    def write_index(self):
        rows = []
        for path in sorted(self.folder.glob("*.eml"), reverse=True):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            rows.append(
                INDEX_ROW.format(
                    date=html.escape(str(message.get("Date", ""))),
                    sender=html.escape(str(message.get("From", ""))),
                    recipients=html.escape(str(message.get("To", ""))),
                    subject=html.escape(str(message.get("Subject", "")) or "(no subject)"),
                    file=html.escape(path.name),
                )
            )
        page = INDEX_PAGE.format(count=len(rows), rows="\n".join(rows))
        (self.folder / "index.html").write_text(page, encoding="utf-8")


def free_port():
    # aiosmtpd checks the server by connecting to its port: it must be known beforehand.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="folder receiving the .eml files")
    parser.add_argument("--port", type=int, default=2525, help="0: any free port")
    parser.add_argument("--port-file", help="write the port here once listening")
    args = parser.parse_args()

    port = args.port or free_port()
    handler = FolderHandler(args.dir)
    handler.write_index()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    if args.port_file:
        Path(args.port_file).write_text(f"{port}\n")
    print(f"mail sink on 127.0.0.1:{port}, messages in {handler.folder}", flush=True)

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_args: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
