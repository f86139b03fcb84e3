#!/usr/bin/env python3
"""A fake Kubernetes API server for podhist's recording tests: plain HTTP on 127.0.0.1.

It serves what kubectl asks of a server (discovery, LIST with limit/continue paging, WATCH from a
resourceVersion as a chunked stream) for Pods and core/v1 Events, replaying a scenario of the
synthetic generator (tools: gen_events.py --stream and --snapshot-every) as a cluster that lives:

  * the scenario is one timeline of writes: every Event write (create, then each update), every
    pod snapshot that differs from the pod's previous one (ADDED, then MODIFIED), and a DELETED
    when a pod is absent from the next snapshot; ordered by time; the server numbers them
    (resourceVersion = 1000 + position) and rewrites metadata.resourceVersion to match;
  * `--preload K` writes have happened before the server starts; the rest are released at
    `--rate` writes per second (0: only when asked, GET /_fake/release?n=N);
  * `--close-every N` ends each watch stream after N events (kubectl then exits 0);
  * GET /_fake/gone (or `--gone-after M` released writes) compacts the history: open watches
    get an ERROR event with a 410 Status and end, and a watch from an older resourceVersion
    gets the same at once;
  * GET /_fake/status says how far the replay is.

`fakeapi.py --emit-stream OUT --events E --pods P` writes the whole timeline as watch events
(one JSON object per line) and exits: what a file import of the same scenario reads.
Standard library only.
"""
import argparse
import base64
import gzip
import json
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from fakeapi_http import JSONHandler, start_pacing, version, write_port_file

BASE_RV = 1000


def open_text(path):
    """A text file, gzip-compressed when its name ends in .gz."""
    return gzip.open(path, "rt") if path.endswith(".gz") else open(path)


def event_time(o):
    """The instant an Event write happened: its newest timestamp."""
    times = [o.get("lastTimestamp"), o.get("eventTime"), (o.get("series") or {}).get("lastObservedTime"),
             (o.get("metadata") or {}).get("creationTimestamp")]
    return max((t for t in times if t), default="")


def norm_time(t):
    """RFC 3339 text comparable as a string: seconds, then an optional fraction of 6 digits."""
    if not t:
        return ""
    t = t.rstrip("Z")
    if "." in t:
        head, frac = t.split(".", 1)
        return head + "." + (frac + "000000")[:6]
    return t + ".000000"


def strip_for_compare(pod):
    p = json.loads(json.dumps(pod))
    md = p.get("metadata", {})
    md.pop("resourceVersion", None)
    ann = dict(md.get("annotations") or {})
    ann.pop("podhist.test/observed-at", None)
    md["annotations"] = ann
    return p


def build_timeline(events_path, pods_path):
    """The scenario as a list of (type, kind, object), resourceVersions assigned."""
    writes = []  # (time, order, type, kind, obj)
    seq = 0
    with open_text(events_path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            o = json.loads(line)
            writes.append((norm_time(event_time(o)), 0, seq, "event", o))
            seq += 1
    # Pods: snapshots grouped by their observation instant.
    snaps = {}
    order = []
    with open_text(pods_path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            o = json.loads(line)
            at = o["metadata"]["annotations"]["podhist.test/observed-at"]
            if at not in snaps:
                snaps[at] = []
                order.append(at)
            snaps[at].append(o)
    current = {}  # (ns, name, uid) -> (stripped, obj)
    for at in order:
        seen = set()
        for o in snaps[at]:
            md = o["metadata"]
            key = (md.get("namespace", ""), md["name"], md.get("uid", ""))
            seen.add(key)
            stripped = strip_for_compare(o)
            prev = current.get(key)
            if prev is not None and prev[0] == stripped:
                continue
            writes.append((norm_time(at), 1, seq, "ADDED" if prev is None else "MODIFIED", o))
            seq += 1
            current[key] = (stripped, o)
        for key in [k for k in current if k not in seen]:
            last = json.loads(json.dumps(current.pop(key)[1]))
            last["metadata"].setdefault("annotations", {})["podhist.test/observed-at"] = at
            writes.append((norm_time(at), 2, seq, "DELETED", last))
            seq += 1
    writes.sort(key=lambda w: (w[0], w[1], w[2]))
    timeline = []
    known_events = set()
    for i, (_, _, _, typ, o) in enumerate(writes):
        rv = str(BASE_RV + i)
        o = json.loads(json.dumps(o))
        o["metadata"]["resourceVersion"] = rv
        if typ == "event":
            key = (o["metadata"].get("namespace", ""), o["metadata"]["name"])
            typ = "MODIFIED" if key in known_events else "ADDED"
            known_events.add(key)
            kind = "events"
        else:
            kind = "pods"
        timeline.append((typ, kind, o))
    return timeline


class Cluster:
    """The replay's state, shared by the request threads."""

    def __init__(self, timeline, args):
        self.timeline = timeline
        self.args = args
        self.cond = threading.Condition()
        self.released = min(args.preload, len(timeline))
        self.compacted = 0  # watches from a resourceVersion below this get 410
        self.gone_serial = 0
        self.lists = {}
        self.list_serial = 0
        self.watches = 0
        self.watch_requests = 0
        self.list_requests = 0

    def rv_at(self, n):
        """The resourceVersion after n released writes."""
        return BASE_RV + n - 1 if n > 0 else BASE_RV - 1

    def release(self, n):
        with self.cond:
            self.released = min(len(self.timeline), self.released + n)
            if self.args.gone_after and not self.gone_serial and self.released >= self.args.gone_after:
                self.gone_locked()
            self.cond.notify_all()

    def gone(self):
        with self.cond:
            self.gone_locked()
            self.cond.notify_all()

    def gone_locked(self):
        self.compacted = self.rv_at(self.released)
        self.gone_serial += 1

    def state(self, kind, namespace):
        """The objects that exist after the released writes, sorted by namespace and name."""
        objs = {}
        for typ, k, o in self.timeline[: self.released]:
            if k != kind:
                continue
            md = o["metadata"]
            if namespace and md.get("namespace") != namespace:
                continue
            key = (md.get("namespace", ""), md["name"])
            if typ == "DELETED":
                objs.pop(key, None)
            else:
                objs[key] = o
        return [objs[k] for k in sorted(objs)]


def list_kind(kind):
    return {"pods": "PodList", "events": "EventList"}[kind]


def status_410(rv):
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": "too old resource version: %s" % rv, "reason": "Expired", "code": 410}


API_RESOURCES = {
    "kind": "APIResourceList", "groupVersion": "v1",
    "resources": [
        {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
         "verbs": ["get", "list", "watch"], "shortNames": ["po"], "categories": ["all"]},
        {"name": "events", "singularName": "event", "namespaced": True, "kind": "Event",
         "verbs": ["get", "list", "watch"], "shortNames": ["ev"]},
        {"name": "namespaces", "singularName": "namespace", "namespaced": False, "kind": "Namespace",
         "verbs": ["get", "list"], "shortNames": ["ns"]},
    ],
}
EVENTS_V1 = {
    "kind": "APIResourceList", "groupVersion": "events.k8s.io/v1",
    "resources": [{"name": "events", "singularName": "event", "namespaced": True, "kind": "Event",
                   "verbs": ["get", "list", "watch"], "shortNames": ["ev"]}],
}
API_GROUPS = {
    "kind": "APIGroupList", "apiVersion": "v1",
    "groups": [{"name": "events.k8s.io", "versions": [{"groupVersion": "events.k8s.io/v1", "version": "v1"}],
                "preferredVersion": {"groupVersion": "events.k8s.io/v1", "version": "v1"}}],
}
VERSION = version("v1.30.0-podhist-fake")


def make_handler(cluster):
    class Handler(JSONHandler):
        verbose = cluster.args.verbose
        log_prefix = "fakeapi"

        def do_GET(self):
            url = urlparse(self.path)
            q = {k: v[-1] for k, v in parse_qs(url.query).items()}
            parts = [p for p in url.path.split("/") if p]
            if url.path == "/api":
                return self.send_json({"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
                    {"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:%d" % self.server.server_port}]})
            if url.path == "/apis":
                return self.send_json(API_GROUPS)
            if url.path == "/api/v1":
                return self.send_json(API_RESOURCES)
            if url.path == "/apis/events.k8s.io/v1":
                return self.send_json(EVENTS_V1)
            if url.path == "/version":
                return self.send_json(VERSION)
            if parts[:1] == ["_fake"]:
                return self.control(parts[1] if len(parts) > 1 else "", q)
            # /api/v1/{pods,events} or /api/v1/namespaces/NS/{pods,events}
            namespace = None
            if parts[:2] == ["api", "v1"] and len(parts) == 3 and parts[2] in ("pods", "events"):
                kind = parts[2]
            elif parts[:3] == ["api", "v1", "namespaces"] and len(parts) == 5 and parts[4] in ("pods", "events"):
                namespace, kind = parts[3], parts[4]
            else:
                return self.not_found()
            if q.get("watch") in ("1", "true"):
                return self.watch(kind, namespace, q.get("resourceVersion", ""))
            return self.list(kind, namespace, q)

        def control(self, what, q):
            if what == "release":
                cluster.release(int(q.get("n", "1")))
            elif what == "gone":
                cluster.gone()
            elif what != "status":
                return self.not_found()
            with cluster.cond:
                self.send_json({"released": cluster.released, "total": len(cluster.timeline),
                                "resourceVersion": str(cluster.rv_at(cluster.released)),
                                "watches": cluster.watches, "watchRequests": cluster.watch_requests,
                                "listRequests": cluster.list_requests, "gone": cluster.gone_serial})

        def list(self, kind, namespace, q):
            limit = int(q.get("limit", "0") or 0)
            with cluster.cond:
                cluster.list_requests += 1
                if q.get("continue"):
                    try:
                        serial, offset = (int(x) for x in base64.b64decode(q["continue"]).decode().split(":"))
                        items, rv = cluster.lists[serial]
                    except Exception:
                        return self.send_json(status_410("continue"), 410)
                else:
                    items, rv = cluster.state(kind, namespace), str(cluster.rv_at(cluster.released))
                    cluster.list_serial += 1
                    serial, offset = cluster.list_serial, 0
                    cluster.lists[serial] = (items, rv)
            page = items[offset: offset + limit] if limit > 0 else items[offset:]
            meta = {"resourceVersion": rv}
            if limit > 0 and offset + limit < len(items):
                meta["continue"] = base64.b64encode(("%d:%d" % (serial, offset + limit)).encode()).decode()
                meta["remainingItemCount"] = len(items) - offset - limit
            self.send_json({"kind": list_kind(kind), "apiVersion": "v1", "metadata": meta, "items": page})

        def chunk(self, obj):
            self.write_chunk((json.dumps(obj) + "\n").encode())

        def watch(self, kind, namespace, rv):
            with cluster.cond:
                cluster.watch_requests += 1
                gone_serial = cluster.gone_serial
                compacted = cluster.compacted
                released = cluster.released
            self.start_chunks()
            sent = 0
            try:
                if rv not in ("", "0") and int(rv) < compacted:
                    self.chunk({"type": "ERROR", "object": status_410(rv)})
                    return
                if rv in ("", "0"):
                    # "Any": the current state as ADDED, then what follows.
                    with cluster.cond:
                        current = cluster.state(kind, namespace)
                        pos = cluster.released
                    for o in current:
                        self.chunk({"type": "ADDED", "object": o})
                        sent += 1
                else:
                    pos = max(0, int(rv) - BASE_RV + 1)
                with cluster.cond:
                    cluster.watches += 1
                try:
                    while True:
                        with cluster.cond:
                            while cluster.released <= pos and cluster.gone_serial == gone_serial:
                                if not cluster.cond.wait(timeout=cluster.args.watch_timeout):
                                    return  # the server's own watch timeout: end the stream
                            if cluster.gone_serial != gone_serial and cluster.released <= pos:
                                # Compacted while this watch was current: it is told after
                                # everything released before.
                                self.chunk({"type": "ERROR", "object": status_410(rv)})
                                return
                            batch = cluster.timeline[pos: cluster.released]
                            start = pos
                            pos = cluster.released
                        for i, (typ, k, o) in enumerate(batch):
                            if k != kind or (namespace and o["metadata"].get("namespace") != namespace):
                                continue
                            self.chunk({"type": typ, "object": o})
                            sent += 1
                            if cluster.args.close_every and sent >= cluster.args.close_every:
                                return
                finally:
                    with cluster.cond:
                        cluster.watches -= 1
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
                return
            finally:
                self.end_chunks()

    return Handler


def main():
    import signal
    # A child may inherit SIGTERM and SIGINT blocked or ignored: take the default actions back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", required=True)
    ap.add_argument("--pods", required=True)
    ap.add_argument("--emit-stream", help="write the timeline as watch events to this file and exit")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", help="write the bound port here once listening")
    ap.add_argument("--preload", type=int, default=0)
    ap.add_argument("--rate", type=float, default=0.0, help="writes released per second after --preload")
    ap.add_argument("--start-after-watches", type=int, default=0,
                    help="--rate starts once this many watches are open (a recorder that saw every write)")
    ap.add_argument("--close-every", type=int, default=0)
    ap.add_argument("--gone-after", type=int, default=0)
    ap.add_argument("--watch-timeout", type=float, default=300.0)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    timeline = build_timeline(args.events, args.pods)
    if args.emit_stream:
        with open(args.emit_stream, "w") as f:
            for typ, _, o in timeline:
                f.write(json.dumps({"type": typ, "object": o}) + "\n")
        return
    cluster = Cluster(timeline, args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(cluster))
    server.daemon_threads = True
    if args.port_file:
        write_port_file(args.port_file, server.server_port)
    if args.rate > 0:
        def watches():
            with cluster.cond:
                return cluster.watches
        start_pacing(args.rate, cluster.release, watches, args.start_after_watches)
    if args.gone_after and cluster.released >= args.gone_after:
        cluster.gone()
    server.serve_forever()


if __name__ == "__main__":
    main()
