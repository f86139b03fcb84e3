"""What both fake Kubernetes API servers share: JSON and chunked replies, the version they claim,
the port file they write, and the pacing thread that releases writes at a rate.

Used by fakeapi.py (the recording tests' server, beside this file) and tools/bench/stream_fakeapi.py
(the benchmarks' lean replay). Standard library only.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler


def version(git_version):
    """What GET /version answers: a 1.30 server named `git_version`."""
    return {"major": "1", "minor": "30", "gitVersion": git_version, "gitCommit": "0" * 40,
            "gitTreeState": "clean", "buildDate": "2025-03-10T00:00:00Z", "goVersion": "go1.22.0",
            "compiler": "gc", "platform": "linux/amd64"}


class JSONHandler(BaseHTTPRequestHandler):
    """A handler that answers in JSON (whole bodies, or chunks of a stream); `verbose` and
    `log_prefix` are set by the server's subclass."""
    protocol_version = "HTTP/1.1"
    verbose = False
    log_prefix = "fakeapi"

    def log_message(self, fmt, *a):
        if self.verbose:
            sys.stderr.write(self.log_prefix + ": " + fmt % a + "\n")

    def send_body(self, body, code=200):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, obj, code=200):
        self.send_body(json.dumps(obj).encode(), code)

    def not_found(self):
        self.send_json({"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "not found",
                        "reason": "NotFound", "code": 404}, 404)

    def start_chunks(self):
        """The head of a chunked stream (a watch)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def write_chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def end_chunks(self):
        """The last chunk, if the client is still there; the connection then closes."""
        try:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True


def write_port_file(path, port):
    """Writes the server's port to `path` whole (a reader never sees half of it)."""
    with open(path + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(path + ".tmp", path)


def start_pacing(rate, release, watches, start_after_watches=0, remaining=lambda: None):
    """Releases `rate` writes a second, in steps of a fiftieth of it, once `watches()` open watches
    reach `start_after_watches`, until `remaining()` (None: no end) says none is left."""
    def pace():
        step = max(1, int(rate / 50))
        while start_after_watches and watches() < start_after_watches:
            time.sleep(0.05)
        while True:
            left = remaining()
            if left is not None and left <= 0:
                return
            time.sleep(step / rate)
            release(step if left is None else min(step, left))
    threading.Thread(target=pace, daemon=True).start()
