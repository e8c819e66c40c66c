"""make load: a bounded load test of the production recipe on 127.0.0.1 (issue 10 §7).

For each database (SQLite, and PostgreSQL when LOAD_POSTGRES names a server) it builds a
throwaway co-production like the small bench level with 100 members, starts gunicorn with
deploy/gunicorn.conf.py (DEBUG off, BEHIND_PROXY as behind nginx) and the worker, then runs
locust headless (bench/locustfile.py):

- realistic: 100 members arrive two a second (LOAD_ARRIVAL) and log in through the real login,
  10 readers of the public page besides them; everyone clicks every 5–10 s. The figures count
  from when the last has logged in: p50/p95/p99 and errors, per page too (targets: p95 ≤ 250 ms,
  no error), and where the time goes: each page's time inside gunicorn (its access log) beside
  the time locust waited — the difference is queueing — and the CPU the server, the worker,
  locust and everything else on the machine used meanwhile, with the load average;
- saturation: members without think time at rising numbers — requests per second, p95 and
  the server's CPU ms per request, as a ratio to a minimal view and to a static file
  measured in the same run; the knee is where more users stop adding throughput;
- on SQLite also gunicorn's worker and thread counts at the knee (LOAD_CONFIGS).

A few minutes in all (LOAD_SECONDS, LOAD_STEP_SECONDS). Its own processes only.
"""

import csv
import json
import os
import re
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
VENV_BIN = Path(PY).parent
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
PEOPLE = int(os.environ.get("LOAD_PEOPLE", "100"))
STEP = int(os.environ.get("LOAD_STEP_SECONDS", "15"))
PUBLIC = int(os.environ.get("LOAD_PUBLIC", "10"))
ARRIVAL = float(os.environ.get("LOAD_ARRIVAL", "2"))  # people per second
STEPS = [int(n) for n in os.environ.get("LOAD_STEPS", "2,4,8,16").split(",")]
CONFIGS = [
    tuple(int(x) for x in c.split("x"))
    for c in os.environ.get("LOAD_CONFIGS", "2x1,2x2,3x2,5x2").split(",")
    if c
]
# The production recipe's own defaults (or WEB_CONCURRENCY, GUNICORN_THREADS if set).
_CONF = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
DEFAULT = (_CONF["workers"], _CONF["threads"])
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
        a one-time cost of a new worker, not of the load. As many at once as the server has
        threads, so that every worker gets some."""
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

        def visit(_):
            for path in paths:
                request = urllib.request.Request(self.url + path, headers=cookie)
                urllib.request.urlopen(request, timeout=60).read()

        slots = int(self.env["WEB_CONCURRENCY"]) * int(self.env["GUNICORN_THREADS"])
        with ThreadPoolExecutor(slots) as pool:
            list(pool.map(visit, range(2 * slots)))

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
        total = _cpu(master)
        for p in master.children(recursive=True):
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:  # replaced just now: counted next time as a child's
                pass
        return total

    def __exit__(self, *exc):
        self.gunicorn.send_signal(signal.SIGQUIT)  # quick shutdown: the runs have drained
        self.worker.terminate()
        for p in (self.gunicorn, self.worker):
            p.wait(timeout=30)


def locust(server, users: int, seconds: int, classes: list, think: bool, out: str, rate=20.0):
    """One locust run. Figures and the server's CPU time count from when every user has
    started — with think time, from when the last member has logged in (each logs in on
    arrival; the logins are reported apart) — for ``seconds``."""
    prefix = Path(server.env["LOAD_DIR"]) / server.env["LOAD_LABEL"] / out
    ready = Path(f"{prefix}.ready")
    ready.unlink(missing_ok=True)
    arriving = users / rate
    limit = arriving + 60  # beyond this the server cannot keep up: measure anyway
    command = ["-f", "bench/locustfile.py", "--headless", "--host", server.url, "-u", str(users)]
    command += ["-r", str(rate), "--csv", str(prefix), "--only-summary"]
    command += ["-t", f"{int(limit + seconds + 120)}s"]  # in case this script dies
    if not think:  # afresh once every user runs (with think time: once everyone is in)
        command.append("--reset-stats")
    run = subprocess.Popen(
        [VENV_BIN / "locust", *command, "--loglevel", "WARNING", *classes],
        cwd=ROOT,
        env={
            **server.env,
            "LOAD_THINK": "1" if think else "0",
            "LOAD_READY": str(ready),
            "LOAD_LOGIN_LIMIT": str(limit),
        },
        stdout=subprocess.DEVNULL,
        stderr=open(f"{prefix}.log", "w"),
    )
    deadline = time.monotonic() + limit + 30
    while not ready.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    if run.poll() is not None:
        raise RuntimeError(f"locust stopped early; see {prefix}.log")
    arrival = json.loads(ready.read_text()) if ready.exists() and think else {}
    before = Usage(server, run)
    time.sleep(seconds)
    usage = Usage(server, run).since(before)
    run.send_signal(signal.SIGTERM)
    run.wait()
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
        # per request answered while the CPU was read (the access log), not locust's count
        "cpu_ms": usage["server"] * 1000 / max(sum(map(len, usage["pages"].values())), 1),
        "usage": usage,
        "arrival": arrival,
    }


class Usage:
    """What the machine did between two moments: CPU seconds of the server (gunicorn), the
    worker, locust and the whole machine, the load average, and gunicorn's access log."""

    def __init__(self, server, run):
        self.at = time.monotonic()
        self.server = server.cpu()
        self.worker = _cpu(psutil.Process(server.worker.pid))
        self.locust = _cpu(psutil.Process(run.pid))
        t = psutil.cpu_times()
        self.busy = sum(t) - t.idle - getattr(t, "iowait", 0)
        self.load = os.getloadavg()[0]
        self.log = Path(server.env["GUNICORN_ACCESS_LOG"])
        self.offset = self.log.stat().st_size

    def since(self, before: "Usage") -> dict:
        with open(self.log, "rb") as f:
            f.seek(before.offset)
            lines = f.read(self.offset - before.offset).decode(errors="replace")
        return {
            "seconds": self.at - before.at,
            "server": self.server - before.server,
            "worker": self.worker - before.worker,
            "locust": self.locust - before.locust,
            "machine": self.busy - before.busy,
            "cores": psutil.cpu_count(),
            "load": (before.load, self.load),
            "pages": _access(lines.splitlines()),
        }


def _cpu(process) -> float:
    t = process.cpu_times()
    return t.user + t.system + t.children_user + t.children_system


ACCESS = re.compile(r'"(\w+) (\S+) [^"]*" (\d+) \S+ (\d+)ms')


def _access(lines: list) -> dict:
    """The time inside gunicorn by page (method and path, numbers as {id}): from when a
    thread took the request until the response was written — without the queueing."""
    pages = {}
    for line in lines:
        if match := ACCESS.search(line):
            method, path, _status, ms = match.groups()
            path = re.sub(r"/werkstatt/[\w-]+/", "/werkstatt/…/", path.split("?")[0])
            path = re.sub(r"/oeffentlich/[\w-]+/", "/oeffentlich/…/", path)
            path = re.sub(r"/\d+/", "/{id}/", path)
            pages.setdefault(f"{method} {path}", []).append(int(ms))
    return pages


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
        # The people arrive ARRIVAL a second and log in, then click for SECONDS.
        out["realistic"] = locust(
            server, PEOPLE + PUBLIC, SECONDS, ["Member", "Public"], True, "real", rate=ARRIVAL
        )
        out["minimal"] = locust(server, 8, STEP, ["Minimal"], False, "minimal")
        out["static"] = locust(server, 8, STEP, ["Static"], False, "static")
        out["steps"] = [(n, locust(server, n, STEP, ["Member"], False, f"sat{n}")) for n in STEPS]
    return out


def _share(usage: dict, key: str) -> str:
    return f"{usage[key] / usage['seconds'] / usage['cores'] * 100:.0f} %"


def machine(usage: dict) -> str:
    """Who used the machine's cores meanwhile: the figures mean little on a busy machine."""
    others = usage["machine"] - usage["server"] - usage["worker"] - usage["locust"]
    return (
        f"load average {usage['load'][0]:.1f} -> {usage['load'][1]:.1f}; CPU of the"
        f" {usage['cores']} cores: server {_share(usage, 'server')}, worker"
        f" {_share(usage, 'worker')}, locust {_share(usage, 'locust')}, everything else"
        f" {others / usage['seconds'] / usage['cores'] * 100:.0f} %"
    )


def report(result: dict):
    r = result["realistic"]
    print(f"\n== {result['label']}: gunicorn {DEFAULT[0]} workers x {DEFAULT[1]} threads")
    arrival = r["arrival"]
    logins = arrival.get("logins", [])
    print(
        f"realistic: {PEOPLE} members logging in and {PUBLIC} readers of the public page,"
        f" arriving {ARRIVAL:g} a second, each clicking every 5-10 s; {SECONDS} s from when"
        " the last had logged in:"
    )
    if not arrival.get("complete"):
        print(
            f"  NOT SETTLED: only {len(logins)} of {arrival.get('members', PEOPLE)} members"
            " had logged in when the figures began (the server could not keep up)"
        )
    print(
        f"  {r['requests']} requests, {r['errors']} errors, {r['rps']:.1f}/s,"
        f" p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms;"
        f" server CPU {r['cpu_ms']:.1f} ms per request"
    )
    print(f"  {machine(r['usage'])}")
    if logins:
        print(
            f"  before: {len(logins)} members logged in on arrival (login form, login and"
            f" start page: median {_at(logins, 50):.0f} ms, p95 {_at(logins, 95):.0f} ms)"
        )
    print("  per page, as locust saw it (requests, p50 / p95 / p99 ms, errors):")
    for name, row in sorted(r["rows"].items()):
        if name != "Aggregated" and row["Request Count"] != "0":
            print(
                f"    {name:28} {int(row['Request Count']):5d}  {row['50%']:>5} / {row['95%']:>5}"
                f" / {row['99%']:>5}  {row['Failure Count']}"
            )
    pages = r["usage"]["pages"]
    inside = sum(sum(v) for v in pages.values()) or 1
    print("  inside gunicorn (access log; the rest of locust's time is queueing), by share:")
    for name, times in sorted(pages.items(), key=lambda kv: -sum(kv[1]))[:12]:
        times = sorted(times)
        print(
            f"    {name:44} {len(times):5d}  p50 {times[len(times) // 2]:5d}"
            f"  p95 {times[len(times) * 95 // 100]:5d} ms  {sum(times) / inside * 100:3.0f} %"
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
            f"  (load average {s['usage']['load'][1]:.1f})"
        )


def main():
    # Stopped from outside (kill, a CI timeout): leave through the finally and with blocks,
    # which end the servers, locust and the throwaway PostgreSQL database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("make load: stopped"))
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
        # each database its own world: the sessions of one are unknown to the other
        world = str(tmp / label / "world.json")
        env = {**base_env, "DATABASE_URL": url, "LOAD_LABEL": label, "LOAD_WORLD": world}
        (tmp / label).mkdir()
        if label == "PostgreSQL":
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        try:
            results.append(run_database(label, env))
            report(results[-1])
            save(results)
        finally:
            if label == "PostgreSQL":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", name], check=False)
    sqlite = next((r for r in results if r["label"] == "SQLite"), None)
    if sqlite and CONFIGS:  # last: the figures of both databases are in by then
        knee = STEPS[-1]
        print(f"gunicorn workers x threads, SQLite, {knee} users, no think time ({STEP} s each):")
        env = {
            **base_env,
            "DATABASE_URL": databases[0][1],
            "LOAD_LABEL": "SQLite",
            "LOAD_WORLD": str(tmp / "SQLite" / "world.json"),
        }
        sqlite["configs"] = []
        for workers, threads in CONFIGS:
            with Server(env, workers, threads) as server:
                s = locust(server, knee, STEP, ["Member"], False, f"cfg{workers}x{threads}")
            sqlite["configs"].append((f"{workers}x{threads}", s))
            print(
                f"  {workers} x {threads}: {s['rps']:6.1f} req/s  p95 {s['p95']:5.0f} ms"
                f"  errors {s['errors']}  CPU {s['cpu_ms']:5.1f} ms/req"
                f"  ({machine(s['usage'])})"
            )
            save(results)
    print(f"\n(files: {tmp})")


def save(results: list):
    """bench/results/load.json, after every part: a run cut short keeps what it measured."""
    out = []
    for r in results:
        r = {**r, "steps": [(n, _compact(s)) for n, s in r["steps"]]}
        r["configs"] = [(c, _compact(s)) for c, s in r.get("configs", [])]
        out.append({**r, **{k: _compact(r[k]) for k in ("realistic", "minimal", "static")}})
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "load.json").write_text(json.dumps(out, indent=1))


def _compact(run: dict) -> dict:
    columns = ("Request Count", "50%", "95%", "99%", "Failure Count")
    pages = run["usage"]["pages"]
    return {
        **run,
        "rows": {name: [row[c] for c in columns] for name, row in run["rows"].items()},
        "usage": {
            **run["usage"],
            "pages": {  # requests, p50, p95, total ms inside gunicorn
                name: [len(t), _at(sorted(t), 50) / 1000, _at(sorted(t), 95) / 1000, sum(t)]
                for name, t in pages.items()
            },
        },
    }


if __name__ == "__main__":
    main()
