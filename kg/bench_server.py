"""`make bench` (server part): `kg serve` under 20 concurrent keep-alive clients for 30 s, side by side
with one client in the same run, on the example queries. Reports req/s, p50/p95/p99 and errors, and the
ratio of the p95s (goal: within 15× — queueing alone on 2 cores explains about 10×). Loopback only; every
loop is bounded by time and count, and the server is stopped at the end."""
from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _start(kg: Path, extra: list[str]) -> tuple[subprocess.Popen, str]:
    p = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--kg", str(kg), "--port", "0", *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    m = re.search(r"http://([^/\s]+)", p.stdout.readline())
    if not m:
        p.kill()
        raise SystemExit(f"kg serve did not start: {p.stderr.read()}")
    host = m.group(1)
    for _ in range(300):
        try:
            c = http.client.HTTPConnection(host, timeout=5)
            c.request("GET", "/sparql?query=ASK%7B%7D")
            c.getresponse().read()
            return p, host
        except OSError:
            time.sleep(0.1)
    p.kill()
    raise SystemExit("kg serve did not answer")


def _client(host: str, paths: list[str], offset: int, until: float, max_requests: int, out: list, errors: list):
    conn = http.client.HTTPConnection(host, timeout=30)
    i = offset
    while time.perf_counter() < until and len(out) < max_requests:
        path = paths[i % len(paths)]
        i += 1
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                errors.append(r.status)
                continue
            out.append(time.perf_counter() - t0)
        except (OSError, http.client.HTTPException) as e:
            errors.append(type(e).__name__)
            conn.close()
            conn = http.client.HTTPConnection(host, timeout=30)
    conn.close()


def load(host: str, paths: list[str], clients: int, seconds: float, max_requests: int = 200_000) -> dict:
    lat: list[float] = []
    errors: list = []
    t0 = time.perf_counter()
    until = t0 + seconds
    ts = [threading.Thread(target=_client, args=(host, paths, k, until, max_requests, lat, errors))
          for k in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(seconds + 60)
    wall = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [float("nan")] * 99
    return {"clients": clients, "requests": len(lat), "errors": len(errors), "error_kinds": sorted(set(map(str, errors))),
            "seconds": wall, "req_per_s": len(lat) / wall, "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
            "p99_ms": q[98] * 1000, "max_ms": max(lat, default=0) * 1000}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kg", type=Path, help="a build (default: build corpus/ into a temporary folder)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--single-seconds", type=float, default=10)
    ap.add_argument("--json", type=Path, help="also write the report here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-serve-") as tmp:
        kg = args.kg
        if kg is None:
            from .build import build

            kg = Path(tmp) / "out"
            build(args.corpus, kg)
        queries = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))]
        paths = ["/sparql?" + urllib.parse.urlencode({"query": q}) for q in queries]
        proc, host = _start(kg, [])
        try:
            load(host, paths, 1, 2)  # warm up
            one = load(host, paths, 1, args.single_seconds)
            many = load(host, paths, args.clients, args.seconds)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    ratio = many["p95_ms"] / one["p95_ms"]
    report = {"queries": len(paths), "single": one, "concurrent": many, "p95_ratio": ratio,
              "throughput_ratio": many["req_per_s"] / one["req_per_s"]}
    print(f"kg serve, {len(paths)} example queries round robin, keep-alive clients on loopback")
    for r in (one, many):
        print(f"  {r['clients']:>2} client(s): {r['req_per_s']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 "
              f"{r['p95_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  max {r['max_ms']:6.0f} ms  "
              f"{r['requests']} ok, {r['errors']} errors {r['error_kinds'] or ''}")
    print(f"p95 with {args.clients} clients / p95 with one: {ratio:.1f}x  (goal <= 15x, zero errors)")
    print(f"throughput with {args.clients} clients / with one: {report['throughput_ratio']:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
