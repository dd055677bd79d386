"""Requests per second of the anonymous pages under load, against a bare Flask "hello" under the same server.

Run: python -m bench.throughput [--workers 2] [--connections 16] [--seconds 10] [--path /extra ...]

Serves the app with `gunicorn -w N wsgi:app` on the database DATABASE_URL points at (unset: a scratch SQLite
database with the demo catalogue, made with `flask db upgrade` and `flask seed`), and a one-route Flask app
with the same gunicorn settings, then loads each with wrk (`wrk -c16 --latency`, from Debian's `wrk` package)
and prints req/s and p99 latency per path, and each page's req/s as a share of "hello"'s. Anonymous pages come
from the page cache (a local cache per worker unless CACHE_REDIS_URL is set), as visitors get them between
catalogue changes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess  # nosec B404 # runs gunicorn, flask and wrk, fixed argument lists
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from flask import Flask

PAGES = ("/", "/scenarios", "/scenarios?q=轮胎", "/vendors", "/vendors?q=视觉")

hello = Flask("hello")


@hello.get("/")
def _hello() -> str:
    return "hello"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(target: str, workers: int, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(  # nosec B603 # fixed arguments
        [gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning", target],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(url + "/", timeout=2):  # nosec B310 # our own local server
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{target} did not start on {url}")


def _wrk(url: str, connections: int, seconds: int) -> tuple[float, float]:
    """(requests per second, p99 in ms) of one wrk run; non-2xx answers are an error."""
    out = subprocess.run(  # nosec B603 B607 # wrk from the system's packages, fixed arguments
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{url} answered with errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return rps, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--path", action="append", default=[], help="another page to load (repeatable)")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "bench-throughput-secret")
    scratch = None
    if not env.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="keting-throughput-")
        env["DATABASE_URL"] = f"sqlite:///{scratch}/demo.db"
        env["KETING_INSTANCE_DIR"] = f"{scratch}/instance"
        flask = str(Path(sys.executable).with_name("flask"))
        for command in (["db", "upgrade"], ["seed"], ["match", "rebuild", "--if-stale"]):
            subprocess.run([flask, "--app", "wsgi", *command], env=env, check=True, capture_output=True)  # nosec B603
    print(f"database: {env['DATABASE_URL'].split('@')[-1]}; gunicorn -w {args.workers}; wrk -c{args.connections}")
    results: dict[str, tuple[float, float]] = {}
    procs = []
    try:
        proc, url = _serve("bench.throughput:hello", args.workers, env)
        procs.append(proc)
        results["hello"] = _wrk(url + "/", args.connections, args.seconds)
        proc.terminate()
        proc, url = _serve("wsgi:app", args.workers, env)
        procs.append(proc)
        for path in (*PAGES, *args.path):
            full = url + urllib.parse.quote(path, safe="/?=&")
            for _ in range(2 * args.workers):  # warms each worker's page cache, as visitors before the run did
                with urllib.request.urlopen(full):  # nosec B310 # our own local server
                    pass
            results[path] = _wrk(full, args.connections, args.seconds)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    base = results["hello"][0]
    for path, (rps, p99) in results.items():
        share = "" if path == "hello" else f"  {100 * rps / base:5.1f} % of hello"
        print(f"  {path:<24} {rps:9,.0f} req/s   p99 {p99:7.1f} ms{share}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
