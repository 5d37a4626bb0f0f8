#!/usr/bin/env python3
"""POST latency of `taf serve --state` over loopback HTTP (a benchmark, not a test).

1. 500-item lotes into one SQLite file while it grows: ten lotes at 0 rows, then the tables are
   filled by POSTs to 100,000 and to 1,000,000 rows, ten lotes measured at each size.
2. One lote of 2,000, 10,000, 20,000 and 50,000 items, each into a new file.
3. GET /_emulator/health while a 50,000-item lote is being posted (no lock around a request).

Usage: python3 taf-cli/bench/serve_post.py [TAF_BINARY]   (default target/release/taf)
"""

import base64
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAF = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "release" / "taf")
MESSAGE = base64.b64encode((ROOT / "tests/fixtures/events/s1010.xml").read_bytes()).decode()
SERIAL = iter(range(10**9))


def lote(items):
    """The body of a lote of `items` new keys, and its size."""
    serial = next(SERIAL)
    body = {
        "ticketCode": f"HTTP-{serial}",
        "lote": [
            {
                "sourceBranch": "0100",
                "messageType": "2",
                "messageSequential": "001",
                "registryType": "S-1010",
                "registryKey": f"H{serial}-{item}",
                "integrationMessage": MESSAGE,
            }
            for item in range(items)
        ],
    }
    return json.dumps(body).encode()


def serve(state):
    """A `taf serve --state` child and its base URL."""
    child = subprocess.Popen(
        [TAF, "serve", "--addr", "127.0.0.1:0", "--state", state],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    base = child.stdout.readline().decode().split()[-1]
    return child, base


def post(base, body):
    """Seconds one POST takes; fails unless every item was accepted."""
    request = urllib.request.Request(
        base + "/rest/wstafst2", data=body, headers={"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    answer = urllib.request.urlopen(request, timeout=3600).read()
    took = time.perf_counter() - started
    assert b'"success" : false' not in answer, answer[:300]
    return took


def growing(directory):
    child, base = serve(str(Path(directory) / "grow.db"))
    rows = 0
    for target in (0, 100_000, 1_000_000):
        while rows < target:
            post(base, lote(500))
            rows += 500
        times = [post(base, lote(500)) for _ in range(10)]
        rows += 5_000
        print(
            f"500 items into {target:>9,} rows: median {statistics.median(times) * 1000:7.1f} ms"
            f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})",
            flush=True,
        )
    child.kill()
    child.wait()


def by_items(directory):
    for items in (2_000, 10_000, 20_000, 50_000):
        child, base = serve(str(Path(directory) / f"items-{items}.db"))
        took = post(base, lote(items))
        print(
            f"{items:>6,} items: {took:7.2f} s  ({items / took:,.0f} items/s)",
            flush=True,
        )
        child.kill()
        child.wait()


def health_during_a_long_post(directory):
    child, base = serve(str(Path(directory) / "health.db"))
    body = lote(50_000)
    poster = threading.Thread(target=post, args=(base, body))
    poster.start()
    time.sleep(0.5)
    latencies = []
    while poster.is_alive():
        started = time.perf_counter()
        urllib.request.urlopen(base + "/_emulator/health", timeout=60).read()
        latencies.append(time.perf_counter() - started)
        time.sleep(0.1)
    poster.join()
    print(
        f"health during a 50,000-item POST: {len(latencies)} checks, "
        f"max {max(latencies) * 1000:.1f} ms",
        flush=True,
    )
    child.kill()
    child.wait()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as directory:
        growing(directory)
        by_items(directory)
        health_during_a_long_post(directory)
