"""An Odoo server of the fault tests' own: started, killed with SIGKILL, started again.

The server runs prefork (2 HTTP workers, no cron) in a session of its own, with the
project's development configuration and the database of the cluster (or ``db``); killing it
kills its whole process group, the master and every worker, as a crash of the machine or the
kernel's OOM killer would. Ports come from HARD_PORTS ("8174-8177,8179": ports kept for
these servers, each takes two) or are free ports of the machine.
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
_taken = set()


def _free_port():
    ports = os.environ.get("HARD_PORTS")
    if ports:
        for item in ports.split(","):
            first, _, last = item.partition("-")
            for port in range(int(first), int(last or first) + 1):
                if port not in _taken:
                    _taken.add(port)
                    return port
        raise RuntimeError(f"no port left in HARD_PORTS={ports}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    def __init__(self, db, log, *options, workers=2):
        self.db = db
        self.log = Path(log)
        self.http_port = _free_port()
        self.gevent_port = _free_port()
        self.options = list(options)
        self.workers = workers
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.http_port}"

    def start(self, timeout=300):
        """Start the server and wait until it answers; returns the seconds it took."""
        started = time.monotonic()
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    str(ROOT / ".venv" / "bin" / "python"),
                    str(ROOT / "scripts" / "odoo-bin"),
                    "-c",
                    str(ROOT / ".state" / "odoo.dev.conf"),
                    "-d",
                    self.db,
                    f"--db-filter=^{self.db}$",
                    f"--http-port={self.http_port}",
                    f"--gevent-port={self.gevent_port}",
                    f"--workers={self.workers}",
                    "--max-cron-threads=0",
                    *self.options,
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server ended at start; see {self.log}")
            try:
                if requests.get(f"{self.url}/web/login", timeout=10).status_code == 200:
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer in {timeout} s; see {self.log}")

    def kill(self):
        """SIGKILL to the master and its workers at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        # The workers are of the same group: wait until none is left.
        for _ in range(100):
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
