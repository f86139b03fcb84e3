#!/usr/bin/env python3
"""A lean fake Kubernetes API server for benchmarks: replays a timeline of watch events read
lazily from disk, so that 10^6 Events go through the real kubectl in bounded memory.

usage: tools/bench/stream_fakeapi.py --stream STREAM.jsonl [--port-file F] [--preload K]
                                     [--rate R] [--start-after-watches N] [--watch-timeout S]

STREAM.jsonl is what `Tests/TestSupport/fakeapi/fakeapi.py --emit-stream` writes: one watch event
(`{"type": ..., "object": ...}`) per line, in timeline order, the object of line i carrying
resourceVersion 1000 + i. The test server (fakeapi.py) builds the whole timeline in memory (more
than 13 GB at 10^6 Events); this one keeps only
  * the byte offset of each line and whether it is a Pod (9 bytes a line: about 10 MB at 10^6),
  * for LIST, the newest line of each object that exists at the released position (a dict of
    offsets, built by reading forward when a LIST asks for a later position than the last one);
and serves a WATCH by reading the file forward from the line after the requested resourceVersion,
each watch with its own file handle, many lines to a chunk.

Serves what `podhist record` asks of kubectl (`kubectl get --raw`): discovery, `/api/v1/{pods,events}`
LIST with limit/continue, WATCH (`watch=1&resourceVersion=RV`) as a chunked stream; no 410, no
server-closed streams (the test server has those). Controls as the test server: GET /_fake/status,
GET /_fake/release?n=N; `--preload K` writes have happened at the start, the rest are released at
`--rate` writes/s (0: only when asked) once `--start-after-watches` watches are open, up to
`--release-limit` writes (the rest only when asked). The status says how far each kind's watches
have written their streams (`sent`).
Standard library only.
"""
import argparse
import base64
import json
import os
import sys
import threading
from array import array
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "TestSupport", "fakeapi"))
from fakeapi_http import JSONHandler, start_pacing, version, write_port_file  # noqa: E402

BASE_RV = 1000
POD_PREFIX = b'"object": {"apiVersion": "v1", "kind": "Pod"'
CHUNK_BYTES = 256 * 1024


def index_stream(path):
    """Offsets of each line (plus the end) and a byte per line: 1 for a Pod, 0 for an Event."""
    offsets, pods = array("Q"), bytearray()
    pos = 0
    with open(path, "rb") as f:
        for line in f:
            if not line.strip():
                sys.exit(f"{path}: line {len(pods) + 1} is blank: one watch event a line expected")
            offsets.append(pos)
            pods.append(1 if POD_PREFIX in line[:120] else 0)
            pos += len(line)
    offsets.append(pos)
    return offsets, pods


class Replay:
    """The replay's state, shared by the request threads."""

    def __init__(self, path, args):
        self.path = path
        self.args = args
        self.offsets, self.pods = index_stream(path)
        self.total = len(self.pods)
        self.cond = threading.Condition()
        self.released = min(args.preload, self.total)
        self.watches = self.watch_requests = self.list_requests = 0
        # How far the watches of each kind (1: pods, 0: events) have written their streams.
        self.sent = {0: 0, 1: 0}
        # LIST state: per kind, (namespace, name) -> line number of its newest write, up to state_pos.
        self.state_lock = threading.Lock()
        self.state_pos = 0
        self.state = {0: {}, 1: {}}
        self.lists = {}  # serial -> (kind, sorted line numbers, rv)
        self.list_serial = 0

    def rv_at(self, n):
        return BASE_RV + n - 1 if n > 0 else BASE_RV - 1

    def release(self, n):
        with self.cond:
            self.released = min(self.total, self.released + n)
            self.cond.notify_all()

    def line(self, f, i):
        f.seek(self.offsets[i])
        return f.read(self.offsets[i + 1] - self.offsets[i])

    def objects_at(self, pod, namespace, upto):
        """Line numbers of the objects of a kind that exist after `upto` writes, by namespace and name."""
        with self.state_lock:
            if upto > self.state_pos:
                with open(self.path, "rb") as f:
                    f.seek(self.offsets[self.state_pos])
                    for i in range(self.state_pos, upto):
                        we = json.loads(f.readline())
                        md = we["object"]["metadata"]
                        key = (md.get("namespace", ""), md["name"])
                        objs = self.state[self.pods[i]]
                        if we["type"] == "DELETED":
                            objs.pop(key, None)
                        else:
                            objs[key] = i
                self.state_pos = upto
            if upto != self.state_pos:
                raise ValueError("a LIST at an earlier position than the last one")
            objs = self.state[pod]
            return [objs[k] for k in sorted(objs) if namespace is None or k[0] == namespace]


API_RESOURCES = {
    "kind": "APIResourceList", "groupVersion": "v1",
    "resources": [
        {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
         "verbs": ["get", "list", "watch"], "shortNames": ["po"], "categories": ["all"]},
        {"name": "events", "singularName": "event", "namespaced": True, "kind": "Event",
         "verbs": ["get", "list", "watch"], "shortNames": ["ev"]},
    ],
}
API_GROUPS = {"kind": "APIGroupList", "apiVersion": "v1", "groups": []}
VERSION = version("v1.30.0-podhist-stream-fake")


def make_handler(replay):
    class Handler(JSONHandler):
        verbose = replay.args.verbose
        log_prefix = "stream_fakeapi"

        def do_GET(self):
            url = urlparse(self.path)
            q = {k: v[-1] for k, v in parse_qs(url.query).items()}
            parts = [p for p in url.path.split("/") if p]
            if url.path == "/api":
                return self.send_json({"kind": "APIVersions", "versions": ["v1"]})
            if url.path == "/apis":
                return self.send_json(API_GROUPS)
            if url.path == "/api/v1":
                return self.send_json(API_RESOURCES)
            if url.path == "/version":
                return self.send_json(VERSION)
            if parts[:1] == ["_fake"]:
                return self.control(parts[1] if len(parts) > 1 else "", q)
            namespace = None
            if parts[:2] == ["api", "v1"] and len(parts) == 3 and parts[2] in ("pods", "events"):
                kind = parts[2]
            elif parts[:3] == ["api", "v1", "namespaces"] and len(parts) == 5 and parts[4] in ("pods", "events"):
                namespace, kind = parts[3], parts[4]
            else:
                return self.not_found()
            pod = 1 if kind == "pods" else 0
            if q.get("watch") in ("1", "true"):
                return self.watch(pod, namespace, q.get("resourceVersion", ""))
            return self.list(pod, kind, namespace, q)

        def control(self, what, q):
            if what == "release":
                replay.release(int(q.get("n", "1")))
            elif what != "status":
                return self.not_found()
            with replay.cond:
                self.send_json({"released": replay.released, "total": replay.total,
                                "resourceVersion": str(replay.rv_at(replay.released)), "watches": replay.watches,
                                "watchRequests": replay.watch_requests, "listRequests": replay.list_requests,
                                "sent": {"pods": replay.sent[1], "events": replay.sent[0]}})

        def list(self, pod, kind, namespace, q):
            limit = int(q.get("limit", "0") or 0)
            with replay.cond:
                replay.list_requests += 1
                upto = replay.released
            if q.get("continue"):
                try:
                    serial, offset = (int(x) for x in base64.b64decode(q["continue"]).decode().split(":"))
                    lines, rv = replay.lists[serial]
                except Exception:
                    return self.send_json({"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                           "message": "bad continue", "reason": "Expired", "code": 410}, 410)
            else:
                lines, rv = replay.objects_at(pod, namespace, upto), str(replay.rv_at(upto))
                replay.list_serial += 1
                serial, offset = replay.list_serial, 0
                replay.lists[serial] = (lines, rv)
            page = lines[offset: offset + limit] if limit > 0 else lines[offset:]
            meta = {"resourceVersion": rv}
            if limit > 0 and offset + limit < len(lines):
                meta["continue"] = base64.b64encode(("%d:%d" % (serial, offset + limit)).encode()).decode()
                meta["remainingItemCount"] = len(lines) - offset - limit
            else:
                replay.lists.pop(serial, None)
            items = []
            with open(replay.path, "rb") as f:
                for i in page:
                    line = replay.line(f, i)
                    # The object of the watch event line, as its bytes: after `"object": `, before the last `}`.
                    start = line.index(b'"object": ') + len(b'"object": ')
                    items.append(line[start: line.rstrip().rindex(b"}")])
            body = (b'{"kind": "' + (b"PodList" if pod else b"EventList") + b'", "apiVersion": "v1", "metadata": '
                    + json.dumps(meta).encode() + b', "items": [' + b", ".join(items) + b"]}")
            self.send_body(body)

        def chunk(self, data):
            self.write_chunk(data)

        def watch(self, pod, namespace, rv):
            with replay.cond:
                replay.watch_requests += 1
                released = replay.released
            self.start_chunks()
            ns_needle = None if namespace is None else b'"namespace": ' + json.dumps(namespace).encode() + b", "
            try:
                with open(replay.path, "rb") as f:
                    if rv in ("", "0"):
                        for i in replay.objects_at(pod, namespace, released):
                            line = replay.line(f, i)
                            self.chunk(b'{"type": "ADDED", ' + line[line.index(b'"object": '):])
                        pos = released
                    else:
                        pos = max(0, int(rv) - BASE_RV + 1)
                    with replay.cond:
                        replay.watches += 1
                    try:
                        while True:
                            with replay.cond:
                                while replay.released <= pos:
                                    if not replay.cond.wait(timeout=replay.args.watch_timeout):
                                        return  # the server's own watch timeout: end the stream
                                end = replay.released
                            f.seek(replay.offsets[pos])
                            buf = []
                            size = 0
                            for i in range(pos, end):
                                line = f.readline()
                                if replay.pods[i] != pod:
                                    continue
                                if ns_needle is not None and ns_needle not in line:
                                    continue
                                buf.append(line)
                                size += len(line)
                                if size >= CHUNK_BYTES:
                                    self.chunk(b"".join(buf))
                                    buf, size = [], 0
                            if buf:
                                self.chunk(b"".join(buf))
                            pos = end
                            with replay.cond:
                                replay.sent[pod] = max(replay.sent[pod], pos)
                    finally:
                        with replay.cond:
                            replay.watches -= 1
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
                return
            finally:
                self.end_chunks()

    return Handler


def main():
    import signal
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stream", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--preload", type=int, default=0)
    ap.add_argument("--rate", type=float, default=0.0)
    ap.add_argument("--start-after-watches", type=int, default=0)
    ap.add_argument("--release-limit", type=int, default=0, help="--rate stops releasing at this many writes")
    ap.add_argument("--watch-timeout", type=float, default=3600.0)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    replay = Replay(args.stream, args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(replay))
    server.daemon_threads = True
    if args.port_file:
        write_port_file(args.port_file, server.server_port)
    if args.rate > 0:
        def watches():
            with replay.cond:
                return replay.watches
        limit = min(replay.total, args.release_limit or replay.total)
        start_pacing(args.rate, replay.release, watches, args.start_after_watches, lambda: limit - replay.released)
    server.serve_forever()


if __name__ == "__main__":
    main()
