"""make load: a bounded load test of the production recipe on 127.0.0.1 (issue 10 §7).

For each database (SQLite, and PostgreSQL when LOAD_POSTGRES names a server) it builds a
throwaway co-production like the small bench level with 100 members, starts gunicorn with
deploy/gunicorn.conf.py (DEBUG off, BEHIND_PROXY as behind nginx) and the worker, then runs
locust headless (bench/locustfile.py):

- realistic: 100 logged-in members and the public, each clicking every 5–10 s — p50/p95/p99
  and errors (targets: p95 ≤ 250 ms, no error);
- saturation: members without think time at rising numbers — requests per second, p95 and
  the server's CPU ms per request, as a ratio to a minimal view and to a static file
  measured in the same run; the knee is where more users stop adding throughput;
- on SQLite also gunicorn's worker and thread counts at the knee (LOAD_CONFIGS).

A few minutes in all (LOAD_SECONDS, LOAD_STEP_SECONDS). Its own processes only.
"""

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VENV_BIN = Path(PY).parent
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
PEOPLE = int(os.environ.get("LOAD_PEOPLE", "100"))
STEP = int(os.environ.get("LOAD_STEP_SECONDS", "15"))
STEPS = [int(n) for n in os.environ.get("LOAD_STEPS", "2,4,8,16").split(",")]
CONFIGS = [
    tuple(int(x) for x in c.split("x"))
    for c in os.environ.get("LOAD_CONFIGS", "2x2,3x2,4x1,5x2").split(",")
    if c
]
DEFAULT = (
    int(os.environ.get("WEB_CONCURRENCY", "3")),
    int(os.environ.get("GUNICORN_THREADS", "2")),
)
PASSWORD = "load-password-not-secret"  # noqa: S105 - throwaway data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn as `make serve` runs it, plus the worker; CPU read from the process tree."""

    def __init__(self, env: dict, workers: int, threads: int):
        self.port = free_port()
        self.env = {
            **env,
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        log = open(Path(self.env["LOAD_DIR"]) / "server.log", "a")
        self.worker = subprocess.Popen(
            [PY, "manage.py", "db_worker"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        self.gunicorn = subprocess.Popen(
            [VENV_BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py", "gemeinwerk.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start; see server.log")
        self.warm_up()
        return self

    def warm_up(self):
        """Every worker's first requests load templates, the guide and the search index:
        a one-time cost of a new worker, not of the load."""
        world = json.loads(Path(self.env["LOAD_WORLD"]).read_text())
        cookie = {"Cookie": f"sessionid={world['sessions'][0]}"}
        paths = [
            "/konto/login/",
            world["public"],
            f"/werkstatt/{world['slug']}/",
            f"/werkstatt/{world['slug']}/entscheidungen/",
            f"/werkstatt/{world['slug']}/suche/?q=Quartier",
            world["baseline"],
        ]
        workers = int(self.env["WEB_CONCURRENCY"]) * int(self.env["GUNICORN_THREADS"])
        for _ in range(3 * workers):
            for path in paths:
                request = urllib.request.Request(self.url + path, headers=cookie)
                urllib.request.urlopen(request, timeout=60).read()

    def drain(self):
        """Wait until requests left over from a run are answered: the next starts afresh."""
        for _ in range(120):
            start = time.monotonic()
            urllib.request.urlopen(self.url + "/healthz", timeout=30)
            if time.monotonic() - start < 0.2:
                return
            time.sleep(0.5)

    def cpu(self) -> float:
        """CPU seconds of gunicorn so far: the master, its live workers and the workers it
        has already replaced (max_requests recycles them; their time counts as the master's
        children's)."""
        master = psutil.Process(self.gunicorn.pid)
        t = master.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for p in master.children(recursive=True):
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:  # replaced just now: counted next time as a child's
                pass
        return total

    def __exit__(self, *exc):
        for p in (self.gunicorn, self.worker):
            p.terminate()
            p.wait(timeout=30)


def locust(server, users: int, seconds: int, classes: list, think: bool, out: str, rate=20):
    """One locust run. Figures and the server's CPU time count from when every user has
    started — with think time, from when the last member has logged in (each logs in on
    arrival; the logins are reported apart) — for ``seconds``."""
    prefix = Path(server.env["LOAD_DIR"]) / server.env["LOAD_LABEL"] / out
    ready = Path(f"{prefix}.ready")
    ready.unlink(missing_ok=True)
    command = ["-f", "bench/locustfile.py", "--headless", "--host", server.url, "-u", str(users)]
    command += ["-r", str(rate), "--reset-stats", "--csv", str(prefix), "--only-summary"]
    run = subprocess.Popen(
        [VENV_BIN / "locust", *command, "--loglevel", "WARNING", *classes],
        cwd=ROOT,
        env={**server.env, "LOAD_THINK": "1" if think else "0", "LOAD_READY": str(ready)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    logins = []
    if think:
        while not ready.exists() and run.poll() is None:
            time.sleep(0.2)
        time.sleep(0.5)
        logins = json.loads(ready.read_text())
    else:
        time.sleep(users / rate + 1)
    cpu = server.cpu()
    time.sleep(seconds)
    run.send_signal(signal.SIGTERM)
    run.wait()
    cpu = server.cpu() - cpu
    server.drain()
    with open(f"{prefix}_stats.csv") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    total = rows["Aggregated"]
    count = int(total["Request Count"])
    return {
        "rows": rows,
        "requests": count,
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        **{f"p{p}": _ms(total[f"{p}%"]) for p in (50, 95, 99)},
        "cpu_ms": cpu * 1000 / max(count, 1),
        "logins": logins,
    }


def _at(values: list, percent: int) -> float:
    return values[min(len(values) - 1, len(values) * percent // 100)] * 1000


def _ms(value: str) -> float:
    return float("nan") if value == "N/A" else float(value)


def setup(env: dict):
    subprocess.run([PY, "bench/load_world.py"], cwd=ROOT, env=env, check=True)


def run_database(label: str, env: dict) -> dict:
    setup(env)
    out = {"label": label}
    with Server(env, *DEFAULT) as server:
        # The people arrive 5 a second (100 within 20 s), then click for SECONDS.
        out["realistic"] = locust(
            server, PEOPLE, SECONDS, ["Member", "Public"], True, "real", rate=5
        )
        out["minimal"] = locust(server, 8, STEP, ["Minimal"], False, "minimal")
        out["static"] = locust(server, 8, STEP, ["Static"], False, "static")
        out["steps"] = [(n, locust(server, n, STEP, ["Member"], False, f"sat{n}")) for n in STEPS]
    return out


def report(result: dict):
    r = result["realistic"]
    print(f"\n== {result['label']}: gunicorn {DEFAULT[0]} workers x {DEFAULT[1]} threads")
    print(f"realistic, {PEOPLE} people (9 members : 1 public), 5-10 s think time, {SECONDS} s:")
    print(
        f"  {r['requests']} requests, {r['errors']} errors, {r['rps']:.1f}/s,"
        f" p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms"
    )
    if logins := r["logins"]:
        print(
            f"  before: {len(logins)} members logged in on arrival (login page and login:"
            f" median {_at(logins, 50):.0f} ms, p95 {_at(logins, 95):.0f} ms)"
        )
    for name, row in sorted(r["rows"].items()):
        if name != "Aggregated" and row["Request Count"] != "0":
            print(
                f"    {name:28} {int(row['Request Count']):6d} req  p50 {row['50%']:>5} ms"
                f"  p95 {row['95%']:>5} ms  errors {row['Failure Count']}"
            )
    base, static = result["minimal"]["cpu_ms"], result["static"]["cpu_ms"]
    print(
        f"saturation (no think time, {STEP} s each); server CPU per request: minimal view"
        f" {base:.2f} ms ({result['minimal']['rps']:.0f}/s), static file {static:.2f} ms"
        f" ({result['static']['rps']:.0f}/s)"
    )
    for n, s in result["steps"]:
        print(
            f"  {n:3d} users: {s['rps']:6.1f} req/s  p50 {s['p50']:5.0f} ms  p95 {s['p95']:5.0f} ms"
            f"  errors {s['errors']}  CPU {s['cpu_ms']:5.1f} ms/req"
            f" = {s['cpu_ms'] / base:4.1f}x minimal, {s['cpu_ms'] / static:4.1f}x static"
        )


def main():
    tmp = Path(tempfile.mkdtemp(prefix="gemeinwerk-load-"))
    base_env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "BEHIND_PROXY": "1",
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "STATIC_ROOT": str(tmp / "static"),
        "GUNICORN_ACCESS_LOG": str(tmp / "access.log"),
        "LOAD_WORLD": str(tmp / "world.json"),
        "LOAD_DIR": str(tmp),
        "LOAD_PASSWORD": PASSWORD,
    }
    databases = [("SQLite", f"sqlite:///{tmp / 'load.sqlite3'}")]
    if os.environ.get("LOAD_SQLITE") == "0":  # PostgreSQL alone
        databases = []
    if server := os.environ.get("LOAD_POSTGRES"):  # e.g. postgres://postgres@127.0.0.1:5432
        name = f"gemeinwerk_load_{os.getpid()}"
        databases.append(("PostgreSQL", f"{server}/{name}"))
    results = []
    for label, url in databases:
        env = {**base_env, "DATABASE_URL": url, "LOAD_LABEL": label}
        (tmp / label).mkdir()
        if label == "PostgreSQL":
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        try:
            results.append(run_database(label, env))
            report(results[-1])
            if label == "SQLite" and CONFIGS:
                knee = STEPS[-1]
                print(f"gunicorn workers x threads at {knee} users, no think time ({STEP} s each):")
                for workers, threads in CONFIGS:
                    with Server(env, workers, threads) as server:
                        s = locust(server, knee, STEP, ["Member"], False, f"cfg{workers}x{threads}")
                    print(
                        f"  {workers} x {threads}: {s['rps']:6.1f} req/s  p95 {s['p95']:5.0f} ms"
                        f"  errors {s['errors']}"
                    )
        finally:
            if label == "PostgreSQL":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", name], check=False)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    for r in results:
        for run in [r["realistic"], r["minimal"], r["static"], *(s for _, s in r["steps"])]:
            run.pop("rows", None)
    (ROOT / "bench" / "results" / "load.json").write_text(json.dumps(results, indent=1))
    print(f"\n(files: {tmp})")


if __name__ == "__main__":
    main()
